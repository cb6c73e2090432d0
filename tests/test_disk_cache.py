"""What is kept in the disk cache (the parsed library, the parsed approvals lock file) is used
only when authentic and current, and reads back as what the files themselves give."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from agreements import diskcache
from agreements.clauses import stored
from agreements.clauses.load import Library, load_library
from agreements.errors import LibraryError
from agreements.review.approvals import dump_lock, lock_path, read_lock
from tests.conftest import ROOT


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache folder of this test's own (the per-process answers are forgotten)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("AGREEMENTS_NO_CACHE", raising=False)
    diskcache.folder.cache_clear()
    diskcache.secret.cache_clear()
    yield tmp_path / "cache"
    diskcache.folder.cache_clear()
    diskcache.secret.cache_clear()


def _library(tmp_path: Path) -> Path:
    copy = tmp_path / "library"
    shutil.copytree(ROOT / "clauses", copy / "clauses")
    shutil.copytree(ROOT / "templates", copy / "templates")
    return copy


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("agreements/data-*/library-*.json"))


def _same(a: Library, b: Library) -> None:
    assert (a.root, a.version, a.problems, list(a.clauses)) == (
        b.root,
        b.version,
        b.problems,
        list(b.clauses),
    )
    for key, source in a.clauses.items():
        other = b.clauses[key]
        assert (source.clause, source.path, source.sha256) == (
            other.clause,
            other.path,
            other.sha256,
        )
        assert source.clause.model_fields_set == other.clause.model_fields_set
        assert source.loaded == other.loaded


def test_a_library_read_back_from_the_store_is_the_library_read_from_its_files(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _library(tmp_path)
    from_files = load_library(root)
    assert len(_entries(cache)) == 1
    reads: list[bool] = []
    read = stored.read_stored
    monkeypatch.setattr(
        stored,
        "read_stored",
        lambda *a: reads.append(True) or read(*a),  # type: ignore[func-returns-value]
    )
    from_store = load_library(root)
    assert reads and from_store.clauses
    _same(from_files, from_store)


def test_a_changed_clause_file_is_read_again(cache: Path, tmp_path: Path) -> None:
    root = _library(tmp_path)
    load_library(root)
    path = root / "clauses/general/insurance.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("\nversion: ", "\nversion: 1", 1), encoding="utf-8"
    )
    changed = load_library(root)
    assert changed.clauses["insurance"].clause.version >= 10
    assert len(_entries(cache)) == 2


def test_an_altered_or_corrupt_entry_is_ignored(cache: Path, tmp_path: Path) -> None:
    root = _library(tmp_path)
    expected = load_library(root)
    (entry,) = _entries(cache)
    tag, _, body = entry.read_bytes().partition(b"\n")
    data = json.loads(body)
    data["clauses"][0][2]["version"] = 99
    entry.write_bytes(tag + b"\n" + json.dumps(data).encode())
    _same(expected, load_library(root))
    entry.write_bytes(b"not json at all")
    _same(expected, load_library(root))


def test_a_library_with_problems_is_never_stored(cache: Path, tmp_path: Path) -> None:
    root = _library(tmp_path)
    (root / "clauses/general/broken.yaml").write_text("id: broken\n", encoding="utf-8")
    first = load_library(root)
    assert first.problems
    assert _entries(cache) == []
    assert load_library(root).problems == first.problems


def test_without_a_cache_the_library_is_the_same(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _library(tmp_path)
    load_library(root)
    from_store = load_library(root)
    monkeypatch.setenv("AGREEMENTS_NO_CACHE", "1")
    diskcache.folder.cache_clear()
    _same(from_store, load_library(root))


def _entry_of(cache: Path, kind: str) -> Path:
    (entry,) = sorted(cache.glob(f"agreements/data-*/{kind}-*.json"))
    return entry


def test_the_lock_file_read_back_from_the_cache_is_the_lock_file(
    cache: Path, tmp_path: Path
) -> None:
    library = load_library(_library(tmp_path))
    parsed = read_lock(library)
    entry = _entry_of(cache, "approvals")
    cached = read_lock(library)
    assert cached == parsed
    assert dump_lock(cached) == dump_lock(parsed)
    tag, _, body = entry.read_bytes().partition(b"\n")
    entry.write_bytes(tag + b"\n" + body.replace(b'"version":', b'"version":9', 1))
    assert read_lock(library) == parsed  # an altered entry is not read


def test_a_changed_or_broken_lock_file_is_read_again(cache: Path, tmp_path: Path) -> None:
    library = load_library(_library(tmp_path))
    read_lock(library)
    path = lock_path(library)
    path.write_text(path.read_text(encoding="utf-8") + "extra: 1\n", encoding="utf-8")
    with pytest.raises(LibraryError, match="must not be edited by hand"):
        read_lock(library)
    assert len(list(cache.glob("agreements/data-*/approvals-*.json"))) == 1


def test_numbers_spelled_from_the_cache_are_num2words_spelling(cache: Path) -> None:
    from num2words import num2words

    from agreements import formatting

    formatting._spelled_numbers.cache_clear()
    first = [formatting.spelled_number(n, lang) for lang in ("en", "fr", "es") for n in (1, 21)]
    formatting._spelled_numbers.cache_clear()
    (entry,) = cache.glob("agreements/data-*/numbers-*.json")
    again = [formatting.spelled_number(n, lang) for lang in ("en", "fr", "es") for n in (1, 21)]
    expected = [str(num2words(n, lang=lang)) for lang in ("en", "fr", "es") for n in (1, 21)]
    assert first == again == expected
    tag, _, body = entry.read_bytes().partition(b"\n")
    entry.write_bytes(tag + b"\n" + body.replace(b"twenty-one", b"twenty-two"))
    formatting._spelled_numbers.cache_clear()
    assert formatting.spelled_number(21, "en") == "twenty-one"
    formatting._spelled_numbers.cache_clear()
