"""Every fixed word of a draft, in English, French and Spanish: one reviewable table.

Each key gives its (en, fr, es) wording; `{name}` marks a value filled in by the caller,
the same names in all three. French puts a no-break space before ":" and ";" and inside
« »; Spanish follows the RAE. A test checks that each key has all three texts with the same
fields. Clause texts are not here: they are the library's, written by legal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

LANGUAGES = ("en", "fr", "es")
NBSP = "\u00a0"

WORDS: dict[str, tuple[str, str, str]] = {
    # Cover page, header and footer (the master template's fields).
    "cover.between": ("between", "entre", "entre"),
    "cover.and": ("and", "et", "y"),
    "cover.reference": ("Reference: {reference}", "Référence\u00a0: {reference}", "Referencia: {reference}"),
    "cover.draft_note": (
        "Draft to be signed in {place} on or about {date}",
        "Projet destiné à être signé à {place} le {date} ou à une date voisine",
        "Proyecto para su firma en {place} el {date} o en una fecha próxima",
    ),
    "header.draft": (
        "DRAFT {reference} \u2014 for discussion, not for signature",
        "PROJET {reference} \u2014 document de travail, ne pas signer",
        "PROYECTO {reference} \u2014 documento de trabajo, no apto para la firma",
    ),
    "footer.page": ("Page", "Page", "Página"),
    "footer.of": ("of", "sur", "de"),
    # The list of parties and the preamble.
    "parties.heading": ("The Parties", "Les Parties", "Las Partes"),
    "parties.heading_mou": ("The Participants", "Les Participants", "Los Participantes"),
    "parties.short_name": ("(\u201c{name}\u201d)", "(«\u00a0{name}\u00a0»)", "(«{name}»)"),
    "parties.short_name_organisation": ("(\u201c{name}\u201d)", "(«\u00a0{name}\u00a0»)", "(la «{name}»)"),
    "parties.separator": (";", "\u00a0;", ";"),
    "parties.organisation": (
        "a specialized agency of the United Nations",
        "institution spécialisée des Nations Unies",
        "organismo especializado de las Naciones Unidas",
    ),
    "parties.acting_through": ("acting through {name}", "représentée par {name}", "que actúa por conducto de {name}"),
    "parties.authority": ("a public authority {of_country}", "autorité publique {of_country}", "autoridad pública {of_country}"),
    "parties.public_body": ("a public body {of_country}", "organisme public {of_country}", "organismo público {of_country}"),
    "parties.intergovernmental": (
        "an international organization established by its constituent instrument",
        "organisation internationale créée par son acte constitutif",
        "organización internacional creada por su instrumento constitutivo",
    ),
    "parties.registered": ("registered {in_country}", "immatriculée {in_country}", "registrada {in_country}"),
    "parties.registered_body": ("registered {in_country}", "enregistrée {in_country}", "registrada {in_country}"),
    "preamble.heading": ("Preamble", "Préambule", "Preámbulo"),
    "preamble.purpose": (
        "Wishing to cooperate for the following purpose: ",
        "Désireuses de coopérer aux fins suivantes\u00a0: ",
        "Deseando cooperar con el siguiente propósito: ",
    ),
    "preamble.purpose_mou": (
        "Intending to cooperate for the following purpose: ",
        "Ayant l'intention de coopérer aux fins suivantes\u00a0: ",
        "Con la intención de cooperar con el siguiente propósito: ",
    ),
    "preamble.closing": (
        "Now, therefore, the Parties agree as follows:",
        "Les Parties sont convenues de ce qui suit\u00a0:",
        "Las Partes han convenido en lo siguiente:",
    ),
    "preamble.closing_mou": (
        "The Participants have therefore reached the following understanding:",
        "Les Participants sont donc parvenus à l'entente suivante\u00a0:",
        "Por consiguiente, los Participantes han llegado al siguiente entendimiento:",
    ),
    "definition.open": ("\u201c", "«\u00a0", "«"),
    "definition.close": ("\u201d ", "\u00a0» ", "» "),
    # Clause headings, references and the notice of unapproved clauses.
    "article": ("Article", "Article", "Artículo"),
    "notice.heading": (
        "Notice: this draft contains clause text that legal has not approved",
        "Avertissement\u00a0: ce projet contient des clauses que le service juridique n'a pas approuvées",
        "Aviso: este proyecto contiene cláusulas que el servicio jurídico no ha aprobado",
    ),
    # Review statuses of a clause, as the notice of unapproved clauses prints them.
    "status.changed since approval": ("changed since approval", "modifiée depuis son approbation", "modificada desde su aprobación"),
    "status.never approved": ("never approved", "jamais approuvée", "nunca aprobada"),
    "status.deprecated": ("deprecated", "retirée", "retirada"),
    "status.approval signature not verified": ("approval signature not verified", "signature de l'approbation non vérifiée", "firma de la aprobación no verificada"),
    "status.translation out of date": ("translation out of date", "traduction non à jour", "traducción desactualizada"),
    "notice.unapproved": (" [not approved by legal]", " [non approuvé par le service juridique]", " [no aprobado por el servicio jurídico]"),
    # Annexes: headings and titles.
    "annex": ("Annex", "Annexe", "Anexo"),
    "annex.in_text": ("Annex", "annexe", "anexo"),
    "annex.colon": (": ", "\u00a0: ", ": "),
    "annex.action": ("Description of the action", "Description de l'action", "Descripción de la acción"),
    "annex.action_mou": ("Areas of cooperation", "Domaines de coopération", "Ámbitos de cooperación"),
    "annex.budget": ("Budget and payment terms", "Budget et modalités de paiement", "Presupuesto y condiciones de pago"),
    "annex.goods": ("Goods contributed in kind", "Biens fournis en nature", "Bienes aportados en especie"),
    "annex.event": ("Particulars of the event", "Caractéristiques de l'événement", "Datos del evento"),
    "annex.reports": ("Reporting calendar", "Calendrier des rapports", "Calendario de informes"),
    "annex.data": ("Personal data processed", "Données à caractère personnel traitées", "Datos personales tratados"),
    "annex.emblem": ("Approved uses of the name and emblem", "Utilisations autorisées du nom et de l'emblème", "Usos autorizados del nombre y el emblema"),
    "annex.conditions": ("Special conditions from due diligence", "Conditions particulières issues de la diligence raisonnable", "Condiciones especiales derivadas de la diligencia debida"),
    "annex.risks": ("Risk allocation matrix", "Matrice de répartition des risques", "Matriz de asignación de riesgos"),
    "annex.risks_mou": ("Risks identified", "Risques recensés", "Riesgos identificados"),
    # Annex tables: words shared by several.
    "total": ("Total", "Total", "Total"),
    "party": ("Party", "Partie", "Parte"),
    "party_mou": ("Participant", "Participant", "Participante"),
    "purpose": ("Purpose", "Objet", "Objeto"),
    "description": ("Description", "Description", "Descripción"),
    "due_date": ("Due date", "Échéance", "Fecha límite"),
    "yes_interim": ("Yes (interim)", "Oui (intermédiaire)", "Sí (provisional)"),
    "no": ("No", "Non", "No"),
    "certified": ("Certified", "Certifié", "Certificado"),
    # The action.
    "action.objectives": ("Objectives", "Objectifs", "Objetivos"),
    "action.tasks": ("Tasks and contributions of each Party", "Tâches et contributions de chaque Partie", "Tareas y contribuciones de cada Parte"),
    "action.tasks_column": ("Tasks and contributions", "Tâches et contributions", "Tareas y contribuciones"),
    "action.tasks_mou": ("Intended activities of each Participant", "Activités envisagées par chaque Participant", "Actividades previstas de cada Participante"),
    "action.tasks_mou_column": ("Intended activities", "Activités envisagées", "Actividades previstas"),
    "action.estimate": (" (estimated value {value})", " (valeur estimée\u00a0: {value})", " (valor estimado: {value})"),
    "action.beneficiaries": ("Beneficiaries", "Bénéficiaires", "Beneficiarios"),
    "action.new_material": ("New Material", "Nouveau Matériel", "Nuevo Material"),
    "action.focal_points": ("Focal points", "Points focaux", "Puntos focales"),
    "action.focal_point": ("Focal point", "Point focal", "Punto focal"),
    "action.email": ("E-mail", "Courriel", "Correo electrónico"),
    "action.timeline": ("Timeline", "Calendrier", "Calendario"),
    "action.signature": ("Signature", "Signature", "Firma"),
    "action.signed_at": ("{date} in {place}", "{date} à {place}", "{date} en {place}"),
    "action.start": ("Entry into force", "Entrée en vigueur", "Entrada en vigor"),
    "action.start_mou": ("Beginning of the cooperation", "Début de la coopération", "Inicio de la cooperación"),
    "action.end": ("End of the term", "Date d'expiration", "Fecha de expiración"),
    "action.end_mou": ("End of the cooperation", "Fin de la coopération", "Fin de la cooperación"),
    "service.services": ("Services and expertise", "Services et expertise", "Servicios y conocimientos especializados"),
    "service.staff": ("Personnel", "Personnel", "Personal"),
    "service.facilities": ("Facilities", "Installations", "Instalaciones"),
    "service.technical_tools": ("Technical tools", "Outils techniques", "Herramientas técnicas"),
    "service.networks": ("Access to networks", "Accès aux réseaux", "Acceso a redes"),
    # The budget.
    "budget.contribution": ("Financial contribution of {party}", "Contribution financière de {party}", "Contribución financiera de {party}"),
    "budget.total": ("Total contribution", "Contribution totale", "Contribución total"),
    "budget.direct": ("Direct costs", "Coûts directs", "Costos directos"),
    "budget.support": ("Programme support costs", "Frais de soutien au programme", "Gastos de apoyo a los programas"),
    "budget.support_at": ("{amount}, at {rate} of direct costs", "{amount}, soit {rate} des coûts directs", "{amount}, equivalentes al {rate} de los costos directos"),
    "budget.approval": ("Approval of the rate", "Approbation du taux", "Aprobación de la tasa"),
    "budget.earmarking": ("Earmarking", "Affectation", "Asignación"),
    "budget.schedule": ("Payment schedule of {party}", "Échéancier des paiements de {party}", "Calendario de pagos de {party}"),
    "budget.number": ("No.", "N\u00ba", "N.\u00ba"),
    "budget.amount": ("Amount", "Montant", "Importe"),
    "earmarking.unearmarked": (
        "Unearmarked: any activity within the mandate and programme of the organization",
        "Non affectée\u00a0: toute activité relevant du mandat et du programme de l'organisation",
        "No asignada: cualquier actividad comprendida en el mandato y el programa de la organización",
    ),
    "earmarking.softly_earmarked": (
        "Softly earmarked: any activity within the stated theme or region",
        "Affectation souple\u00a0: toute activité relevant du thème ou de la région indiqués",
        "Asignación flexible: cualquier actividad comprendida en el tema o la región indicados",
    ),
    "earmarking.project": (
        "Earmarked to the project: its activities and budget only",
        "Affectée au projet\u00a0: utilisable pour ses seules activités, dans la limite de son budget",
        "Asignada al proyecto: solo puede destinarse a sus actividades, dentro de su presupuesto",
    ),
    # Goods in kind.
    "goods.given_by": ("Goods given by {party}", "Biens fournis par {party}", "Bienes aportados por {party}"),
    "goods.item": ("Item", "Bien", "Bien"),
    "goods.quantity": ("Quantity", "Quantité", "Cantidad"),
    "goods.currency": ("Currency", "Monnaie", "Moneda"),
    "goods.unit_value": ("Unit value", "Valeur unitaire", "Valor unitario"),
    "goods.total_value": ("Total value", "Valeur totale", "Valor total"),
    "goods.valuation": ("Valuation basis", "Base d'évaluation", "Base de valoración"),
    "goods.hazardous": (" (durable or hazardous)", " (bien durable ou dangereux)", " (bien duradero o peligroso)"),
    "goods.delivery": ("Delivery", "Livraison", "Entrega"),
    # The event, reports, personal data, emblem and risks.
    "event.name": ("Name", "Intitulé", "Denominación"),
    "event.dates": ("Dates", "Dates", "Fechas"),
    "event.venue": ("Venue", "Lieu", "Lugar"),
    "event.participants": ("Expected participants", "Nombre de participants attendus", "Número previsto de participantes"),
    "event.budget": ("Budget", "Budget", "Presupuesto"),
    "reports.report": ("Report", "Rapport", "Informe"),
    "reports.period": ("Period covered", "Période couverte", "Período abarcado"),
    "reports.statement": ("Financial statement", "État financier", "Estado financiero"),
    "reports.by": ("Submitted by", "Présenté par", "Presentado por"),
    "data.subjects": ("Persons concerned", "Personnes concernées", "Personas interesadas"),
    "data.categories": ("Categories of data", "Catégories de données", "Categorías de datos"),
    "data.special": ("Special categories", "Catégories particulières de données", "Categorías especiales de datos"),
    "data.purposes": ("Purposes", "Finalités", "Fines"),
    "data.controller": ("Controller", "Responsable du traitement", "Responsable del tratamiento"),
    "data.retention": ("Retention", "Durée de conservation", "Plazo de conservación"),
    "data.retention_months": ("{months} months after collection", "{months} mois à compter de la collecte", "{months} meses a partir de su recogida"),
    "data.recipients": ("Recipients", "Destinataires", "Destinatarios"),
    "special.health": ("Health", "Santé", "Salud"),
    "special.biometric": ("Biometric", "Données biométriques", "Datos biométricos"),
    "special.genetic": ("Genetic", "Données génétiques", "Datos genéticos"),
    "special.racial_or_ethnic_origin": ("Racial or ethnic origin", "Origine raciale ou ethnique", "Origen racial o étnico"),
    "special.political_opinions": ("Political opinions", "Opinions politiques", "Opiniones políticas"),
    "special.religious_beliefs": ("Religious beliefs", "Convictions religieuses", "Convicciones religiosas"),
    "special.trade_union_membership": ("Trade union membership", "Appartenance syndicale", "Afiliación sindical"),
    "special.sexual_orientation": ("Sexual orientation", "Orientation sexuelle", "Orientación sexual"),
    "special.criminal_records": ("Criminal records", "Casier judiciaire", "Antecedentes penales"),
    "emblem.uses": ("Approved uses", "Utilisations autorisées", "Usos autorizados"),
    "emblem.reference": ("Approval reference", "Référence de l'autorisation", "Referencia de la autorización"),
    "emblem.by": ("Approved by", "Autorisation accordée par", "Autorizada por"),
    "emblem.date": ("Date of approval", "Date de l'autorisation", "Fecha de la autorización"),
    "emblem.until": ("Valid until", "Valable jusqu'au", "Válida hasta"),
    "risks.category": ("Category", "Catégorie", "Categoría"),
    "risks.owner": ("Owner", "Responsable", "Responsable"),
    "risks.owner_mou": ("Followed by", "Suivi par", "Seguimiento a cargo de"),
    "risks.mitigation": ("Mitigation", "Mesures d'atténuation", "Medidas de mitigación"),
    "risk.reputational": ("Reputational", "Réputation", "Reputación"),
    "risk.political": ("Political", "Politique", "Político"),
    "risk.conflict_of_interest": ("Conflict of interest", "Conflit d'intérêts", "Conflicto de intereses"),
    "risk.financial": ("Financial", "Financier", "Financiero"),
    "risk.fraud_and_corruption": ("Fraud and corruption", "Fraude et corruption", "Fraude y corrupción"),
    "risk.delivery": ("Delivery", "Exécution", "Ejecución"),
    "risk.safety_and_security": ("Safety and security", "Sûreté et sécurité", "Seguridad y protección"),
    "risk.safeguarding": ("Safeguarding", "Protection contre les abus", "Salvaguardia"),
    "risk.labour_and_human_rights": ("Labour and human rights", "Droits du travail et droits de l'homme", "Derechos laborales y derechos humanos"),
    "risk.environmental_and_social": ("Environmental and social", "Environnemental et social", "Ambiental y social"),
    "risk.legal_and_immunities": ("Legal and immunities", "Juridique et immunités", "Jurídico e inmunidades"),
    "risk.intellectual_property": ("Intellectual property", "Propriété intellectuelle", "Propiedad intelectual"),
    "risk.data_protection": ("Data protection", "Protection des données", "Protección de datos"),
    "risk.brand_misuse": ("Brand misuse", "Usage abusif de la marque", "Uso indebido de la marca"),
    "risk.force_majeure": ("Force majeure", "Force majeure", "Fuerza mayor"),
    "risk.sanctions": ("Sanctions", "Sanctions", "Sanciones"),
    # The signature page.
    "signature.heading": ("Signatures", "Signatures", "Firmas"),
    "signature.attestation": (
        "In witness whereof, the duly authorized representatives of the Parties have signed this Agreement in {place}, {languages}, on the dates written below.",
        "En foi de quoi, les représentants dûment habilités des Parties ont signé le présent Accord à {place}, {languages}, aux dates indiquées ci-dessous.",
        "En fe de lo cual, los representantes debidamente autorizados de las Partes firman el presente Acuerdo en {place}, {languages}, en las fechas indicadas a continuación.",
    ),
    "signature.attestation_mou": (
        "The duly authorized representatives of the Participants have signed this Memorandum in {place}, {languages}, on the dates written below.",
        "Les représentants dûment habilités des Participants ont signé le présent Mémorandum à {place}, {languages}, aux dates indiquées ci-dessous.",
        "Los representantes debidamente autorizados de los Participantes firman el presente Memorando en {place}, {languages}, en las fechas indicadas a continuación.",
    ),
    "signature.one_language": ("in the {name} language", "en langue {name}", "en {name}"),
    "signature.two_languages": (
        "in the {first} and {second} languages, both texts being equally authentic",
        "en langues {first} et {second}, les deux textes faisant également foi",
        "en {first} y en {second}, siendo ambos textos igualmente auténticos",
    ),
    "signature.for": ("For {name}", "Pour {name}", "Por {name}"),
    "signature.name": ("Name", "Nom", "Nombre"),
    "signature.title": ("Title", "Fonction", "Cargo"),
    "signature.date": ("Date", "Date", "Fecha"),
    "colon": (": ", "\u00a0: ", ": "),
    "language.en": ("English", "anglaise", "inglés"),
    "language.fr": ("French", "française", "francés"),
    "language.es": ("Spanish", "espagnole", "español"),
    # Document properties.
    "properties.subject": ("{kind} agreement (draft)", "{kind} (projet)", "{kind} (proyecto)"),
    "properties.comments": (
        "Generated by agreements from a validated spec; see custom properties.",
        "Produit par agreements à partir d'une spécification validée\u00a0; voir les propriétés personnalisées.",
        "Generado por agreements a partir de una especificación validada; véanse las propiedades personalizadas.",
    ),
    "kind.funding": ("funding", "Accord de financement", "Acuerdo de financiación"),
    "kind.in_kind": ("in kind", "Accord de contribution en nature", "Acuerdo de contribución en especie"),
    "kind.joint_implementation": ("joint implementation", "Accord de mise en œuvre conjointe", "Acuerdo de ejecución conjunta"),
    "kind.event": ("event", "Accord relatif à un événement", "Acuerdo relativo a un evento"),
    "kind.advocacy": ("advocacy", "Accord de sensibilisation", "Acuerdo de promoción"),
    "kind.research": ("research", "Accord de recherche", "Acuerdo de investigación"),
    "kind.mou": ("mou", "Mémorandum d'accord", "Memorando de entendimiento"),
}  # fmt: skip
_INDEX = {language: index for index, language in enumerate(LANGUAGES)}


_FRENCH_SPACE = re.compile(r"[ \u00a0]?([;:!?])")


def typography(text: str, language: str) -> str:
    """Return fixed wording (never a spec value) with the language's typography: in French,
    a typographic apostrophe and a no-break space before ";", ":", "!" and "?"."""
    if language != "fr":
        return text
    return _FRENCH_SPACE.sub(NBSP + r"\1", text.replace("'", "\u2019"))


def words(key: str, language: str, **values: str) -> str:
    """Return the fixed wording `key` in `language`, its `{fields}` filled from `values`
    (raises KeyError for an unknown key or language: a missing word is a bug, never a
    blank in a draft). French elides "de" before a value that starts with a vowel
    ("Contribution financière d'IFRC")."""
    text = typography(WORDS[key][_INDEX[language]], language)
    if language == "fr":
        text = _ELIDABLE_FIELD.sub(lambda m: _elided(m, values), text)
    return text.format(**values) if values else text


def _elided(match: re.Match[str], values: dict[str, str]) -> str:
    """Return "de {field}" as "d'{field}" when the field's value starts with a vowel."""
    word, field = match.group(1), match.group(2)
    return f"{word[:-1]}\u2019{{{field}}}" if _vowel(values.get(field, "")) else match.group(0)


_ELIDABLE_FIELD = re.compile(r"\b(de|que) \{(\w+)\}")


def _vowel(value: str) -> bool:
    """Return True when a French word before `value` elides ("d'IFRC", "d'Orange")."""
    return value[:1] in "aeiouyâàéèêëîïôûœAEIOUYÂÀÉÈÊËÎÏÔÛŒ" and bool(value)


def words_in(key: str, languages: Sequence[str], **values: str) -> str:
    """Return the wording `key` in each of `languages`, joined by " / " (the first language
    first): the fixed words of a bilingual draft printed once for both texts."""
    return " / ".join(dict.fromkeys(words(key, language, **values) for language in languages))
