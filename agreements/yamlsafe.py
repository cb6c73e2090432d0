"""Strict YAML loading that keeps the line and column of every key and value.

Specs and clause files are typed by people and may come from other organisations, so
loading refuses everything YAML can do beyond plain data: duplicate keys (PyYAML keeps the
last silently), anchors and aliases (alias bombs), non-standard tags, several documents,
non-UTF-8 text and oversized files. Floats are read as exact `Decimal`s, and only
`true`/`false` are booleans, so a country code `NO` stays a string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from agreements.errors import UnreadableFileError, YamlError
from agreements.problems import Location, PathKey, Problem, Severity

MAX_BYTES = 1_000_000
MAX_DEPTH = 64
_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)
_BOOL_TAG = "tag:yaml.org,2002:bool"


class StrictLoader(yaml.CSafeLoader):
    """C-accelerated safe loader with YAML 1.2-like booleans and exact decimals."""


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _NonFiniteNumberError(ValueError):
    """A float literal such as .inf or .nan, which no amount or rate can be."""


def _construct_decimal(loader: yaml.BaseLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(node.value).replace("_", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise _NonFiniteNumberError(node.value) from None
    if not value.is_finite():
        raise _NonFiniteNumberError(node.value)
    return value


StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


@dataclass
class LoadedYaml:
    """Plain data read from a YAML file, with the position of every key and value."""

    data: Any
    values: dict[PathKey, Location] = field(default_factory=dict)
    keys: dict[PathKey, Location] = field(default_factory=dict)
    collections: set[PathKey] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    def locate(self, path: PathKey, *, key: bool = False) -> Location | None:
        """Return the position of the deepest node of `path` found in the file.

        Path steps absent from the file (a union tag that pydantic adds, or a missing key)
        are skipped, so a missing field points at its parent mapping.
        """
        found: PathKey = ()
        best = self.values.get((), None)
        for step in path:
            candidate = (*found, step)
            if candidate in self.values:
                found = candidate
                best = self.values[candidate]
        if found in self.keys and (found in self.collections or (key and found == path)):
            return self.keys[found]
        return best


def _mark(mark: Any) -> Location:
    return Location(mark.line + 1, mark.column + 1)


def _problem(file: str, code: str, message: str, fix: str, loc: Location | None) -> Problem:
    return Problem(file, loc, Severity.ERROR, code, "", message, fix)


def read_text(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """Return the UTF-8 text of `path`, refusing missing, huge, binary or non-UTF-8 files."""
    name = str(path)
    if not path.exists():
        raise UnreadableFileError(
            _problem(name, "F01", "file not found", "check the path and its spelling", None)
        )
    if path.is_dir():
        raise UnreadableFileError(
            _problem(name, "F01", "is a directory, not a YAML file", "name a .yaml file", None)
        )
    try:
        with path.open("rb") as stream:
            raw = stream.read(max_bytes + 1)
    except OSError as exc:
        raise UnreadableFileError(
            _problem(name, "F01", f"cannot be read: {exc.strerror}", "check permissions", None)
        ) from None
    return decode_text(raw, name, max_bytes=max_bytes)


def decode_text(raw: bytes, name: str, *, max_bytes: int = MAX_BYTES) -> str:
    """Return `raw` decoded as UTF-8 (an optional BOM is dropped) or raise a clear error."""
    if len(raw) > max_bytes:
        raise UnreadableFileError(
            _problem(
                name,
                "F02",
                f"is larger than the limit of {max_bytes:,} bytes",
                "a spec is a short text file; split it or remove pasted content",
                None,
            )
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFileError(
            _problem(
                name,
                "F03",
                "is encoded in UTF-16 or UTF-32, not UTF-8",
                "save the file as UTF-8 in your editor",
                None,
            )
        )
    if b"\x00" in raw:
        raise UnreadableFileError(
            _problem(
                name,
                "F03",
                "contains binary data (NUL bytes), not YAML text",
                "name a YAML text file",
                None,
            )
        )
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise UnreadableFileError(
            _problem(
                name,
                "F03",
                f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                "save the file as UTF-8 in your editor",
                Location(line, column),
            )
        ) from None


def _yaml_syntax_problem(name: str, exc: yaml.YAMLError, text: str = "") -> Problem:
    mark = getattr(exc, "problem_mark", None)
    what = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    lines = text.splitlines()
    line = lines[mark.line] if mark is not None and 0 <= mark.line < len(lines) else ""
    if "\t" in line[: mark.column + 1 if mark is not None else 0]:
        return _problem(
            name,
            "Y01",
            "is not valid YAML: a tab is used for indentation",
            "indent with spaces only (two per level); editors can show tabs as arrows",
            _mark(mark) if mark is not None else None,
        )
    message = f"is not valid YAML: {what}" + (f" ({context})" if context else "")
    return _problem(
        name,
        "Y01",
        message,
        "check indentation and quote values that contain ': ' or start with a special character",
        _mark(mark) if mark is not None else None,
    )


def _check_events(text: str, name: str) -> list[Problem]:
    """Return the problems visible in the event stream, before anything is built."""
    problems: list[Problem] = []
    documents = 0
    depth = 0
    for event in yaml.parse(text, Loader=StrictLoader):
        where = _mark(event.start_mark)
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents == 2:
                problems.append(
                    _problem(
                        name,
                        "Y05",
                        "holds more than one YAML document ('---')",
                        "keep one spec per file",
                        where,
                    )
                )
        elif isinstance(event, yaml.AliasEvent):
            problems.append(
                _problem(
                    name,
                    "Y03",
                    f"uses an alias (*{event.anchor}); aliases are not allowed",
                    "write the value out in full",
                    where,
                )
            )
        elif isinstance(event, yaml.NodeEvent):
            if event.anchor is not None:
                problems.append(
                    _problem(
                        name,
                        "Y03",
                        f"defines an anchor (&{event.anchor}); anchors are not allowed",
                        "remove the anchor and write values out in full",
                        where,
                    )
                )
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!" and tag not in _STANDARD_TAGS:
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                problems.append(
                    _problem(
                        name,
                        "Y04",
                        f"uses the tag {shown!r}, which is not allowed",
                        "remove the tag; write plain values",
                        where,
                    )
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    problems.append(
                        _problem(
                            name,
                            "Y07",
                            f"is nested more than {MAX_DEPTH} levels deep",
                            "a spec is only a few levels deep; check the indentation",
                            where,
                        )
                    )
                    return problems
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    if documents == 0:
        problems.append(
            _problem(name, "Y06", "is empty", "write the file's content, or restore it", None)
        )
    return problems


# Why a tagged scalar cannot be read, and the fix, by YAML tag.
_UNREADABLE = {
    "timestamp": ("is not a valid date", "write a real calendar date as YYYY-MM-DD"),
    "bool": ("is not true or false", "write true or false"),
    "int": ("is not a whole number", "write digits only, e.g. 90"),
    "float": ("is not a number", "write an exact decimal such as 1000.00"),
    "str": ("cannot be read", "remove the tag starting with !! and write the value plainly"),
}


class _Builder:
    """Turn a composed node tree into plain data, recording positions and duplicate keys."""

    def __init__(self, loader: StrictLoader, name: str) -> None:
        self.loader = loader
        self.name = name
        self.out = LoadedYaml(data=None)

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.out.values[path] = _mark(node.start_mark)
        if isinstance(node, yaml.MappingNode):
            self.out.collections.add(path)
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            self.out.collections.add(path)
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        """Return the value of a scalar, or None after recording why it cannot be read.

        Explicit tags can ask for values that cannot exist (`!!bool maybe`, `!!int ''`,
        `!!timestamp soon`, a key `2026-02-30`): each becomes one located problem, never an
        internal error.
        """
        try:
            return self.loader.construct_object(node)
        except _NonFiniteNumberError as exc:
            self.out.problems.append(
                _problem(
                    self.name,
                    "Y10",
                    f"{exc.args[0]!r} is not a finite number",
                    "write an exact decimal such as 1000.00",
                    _mark(node.start_mark),
                )
            )
        except yaml.YAMLError as exc:
            self.out.problems.append(_yaml_syntax_problem(self.name, exc))
        except (ValueError, KeyError, IndexError, AttributeError, TypeError, OverflowError):
            kind = node.tag.rsplit(":", 1)[-1]
            message, fix = _UNREADABLE.get(kind, _UNREADABLE["str"])
            text = str(node.value)
            if kind == "int" and text.lstrip("+-").isdigit():
                message, fix = "has too many digits", "write a number below a thousand trillion"
            shown = text if len(text) <= 40 else text[:20] + "…" + text[-10:]
            self.out.problems.append(
                _problem(self.name, "Y11", f"{shown!r} {message}", fix, _mark(node.start_mark))
            )
        return None

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Location] = {}
        for key_node, value_node in node.value:
            where = _mark(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                self.out.problems.append(
                    _problem(
                        self.name,
                        "Y09",
                        "uses a complex or merge key ('? ' or '<<')",
                        "use plain text keys",
                        where,
                    )
                )
                continue
            key = self._scalar(key_node)
            if key is None:
                continue
            if key in first_seen:
                first = first_seen[key]
                self.out.problems.append(
                    _problem(
                        self.name,
                        "Y02",
                        f"duplicate key {key!r} (first defined on line {first.line})",
                        "remove one of the two; YAML would silently keep only the last",
                        where,
                    )
                )
                continue
            first_seen[key] = where
            self.out.keys[(*path, key)] = where
            result[key] = self.build(value_node, (*path, key))
        return result


def load_yaml(text: str, name: str) -> LoadedYaml:
    """Return the data of one YAML document with positions, or raise on unsafe YAML.

    Duplicate keys and non-finite numbers are collected in `problems` so the caller can
    report them along with everything else; unsafe constructs raise `YamlError`.
    """
    try:
        fatal = _check_events(text, name)
    except yaml.YAMLError as exc:
        raise YamlError([_yaml_syntax_problem(name, exc, text)]) from None
    if fatal:
        raise YamlError(fatal)
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        builder = _Builder(loader, name)
        builder.out.data = builder.build(node, ()) if node is not None else None
    except yaml.YAMLError as exc:
        raise YamlError([_yaml_syntax_problem(name, exc, text)]) from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlError(
            [_problem(name, "Y06", "is empty", "write the file's content, or restore it", None)]
        )
    return builder.out


def load_yaml_file(path: Path, *, max_bytes: int = MAX_BYTES) -> LoadedYaml:
    """Return the positioned data of the YAML file at `path` (see `load_yaml`)."""
    return load_yaml(read_text(path, max_bytes=max_bytes), str(path))
