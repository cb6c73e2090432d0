"""The agreement register: the organisation's memory of its partnerships.

Specs and drafts are recorded in a database (SQLite by default, PostgreSQL by URL) through
SQLAlchemy, with Alembic migrations shipped in the package and run on open. Each module
holds one idea: where the register is (`location`), opening it safely (`database`,
`migrate`), its tables (`models`), what a spec or draft contributes (`record`, `sources`),
writing (`store`, `status`), and answering questions (`queries`, `due`, `figures`,
`charts`, `page`).
"""
