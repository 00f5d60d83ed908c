"""Runs every Python example of README.md and docs/ on the files of examples/src/test/resources/doc-examples.json,
and compares the row counts of each Java example's twin with the Java example's own (written by the examples
module's DocExamplesTest). Examples that open a Spark Connect session run in the Connect process; the one that
configures a new JVM with ``spark.jars.packages`` runs in a process of its own (test_storage_packages.py)."""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
from typing import Any, Dict, List, NamedTuple

import pytest
from pyspark.sql import DataFrame, SparkSession

PROJECT = pathlib.Path(__file__).resolve().parents[2]
FIXTURE = PROJECT / "examples" / "src" / "test" / "resources" / "doc-examples.json"
JAVA_RESULTS = PROJECT / "examples" / "target" / "doc-examples" / "java-results.json"
CONNECT_URL_IN_DOCS = "sc://connect-host:15002"
FENCE = re.compile(r"^```(\w*)\s*$")


class Block(NamedTuple):
    """A fenced code block; ``key`` pairs a Java block with the Python block right after it (``page#n``)."""

    page: str
    language: str
    line: int
    code: str
    key: str


def read_blocks(path: pathlib.Path, page: str) -> List[Block]:
    """The code blocks of one Markdown page, with the same pairing rule as the Java side's DocBlock."""
    lines = path.read_text().splitlines()
    blocks: List[Block] = []
    java_blocks = 0
    previous = ""
    i = 0
    while i < len(lines):
        opened = FENCE.match(lines[i])
        if not opened:
            i += 1
            continue
        start = i + 1
        i = start
        code = []
        while i < len(lines) and not lines[i].startswith("```"):
            code.append(lines[i])
            i += 1
        language = opened.group(1)
        key = ""
        if language == "java":
            java_blocks += 1
            key = "%s#%d" % (page, java_blocks)
        elif language == "python" and previous == "java":
            key = "%s#%d" % (page, java_blocks)
        blocks.append(Block(page, language, start, "\n".join(code) + "\n", key))
        previous = language
        i += 1
    return blocks


def pages() -> Dict[str, List[Block]]:
    found = {"README.md": read_blocks(PROJECT / "README.md", "README.md")}
    for path in sorted((PROJECT / "docs").glob("*.md")):
        found["docs/" + path.name] = read_blocks(path, "docs/" + path.name)
    return found


def python_pages() -> List[str]:
    return [page for page, blocks in pages().items() if any(b.language == "python" for b in blocks)]


class Tree:
    """The scratch tree the examples' paths are moved into, made from the quick start's sample videos."""

    def __init__(self, root: pathlib.Path, samples: pathlib.Path) -> None:
        spec = json.loads(FIXTURE.read_text())
        shutil.rmtree(root, ignore_errors=True)
        self.prefixes = sorted(((k, str(root / v) + "/") for k, v in spec["prefixes"].items()),
                               key=lambda kv: -len(kv[0]))
        for target, name_start in spec["files"].items():
            source = next(p for p in sorted(samples.iterdir()) if p.name.startswith(name_start))
            path = root / target
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, path)
            except OSError:
                shutil.copyfile(source, path)

    def rewrite(self, code: str) -> str:
        for prefix, directory in self.prefixes:
            for quote in ('"', "'", "`"):
                code = code.replace(quote + prefix, quote + directory)
        return code


@pytest.fixture(scope="module")
def tree(samples: pathlib.Path, tmp_path_factory: pytest.TempPathFactory) -> Tree:
    return Tree(tmp_path_factory.mktemp("doc-examples") / "tree", samples)


def run_block(block: Block, namespace: Dict[str, Any], tree: Tree) -> Dict[str, int]:
    """Executes one block in the page's namespace; the row count of each DataFrame it assigned."""
    before = dict(namespace)
    try:
        exec(compile(tree.rewrite(block.code), "%s:%d" % (block.page, block.line), "exec"), namespace)
    except Exception as e:
        raise AssertionError("%s:%d fails: %r" % (block.page, block.line, e)) from e
    return {name: value.count() for name, value in namespace.items()
            if isinstance(value, DataFrame) and before.get(name) is not value}


@pytest.mark.parametrize("page", python_pages())
def test_python_examples_run_and_match_their_java_twins(spark: SparkSession, tree: Tree, page: str) -> None:
    java = json.loads(JAVA_RESULTS.read_text()) if JAVA_RESULTS.exists() else None
    namespace: Dict[str, Any] = {"spark": spark}
    for block in pages()[page]:
        if block.language != "python" or ".remote(" in block.code or "spark.jars.packages" in block.code:
            continue
        counts = run_block(block, namespace, tree)
        if block.key and java is not None:
            assert block.key in java, "%s: the Java twin did not run (%s)" % (block.key, JAVA_RESULTS)
            for name, count in java[block.key].items():
                assert counts.get(name) == count, "%s:%d: %s has %s rows, its Java twin %d" % (
                    block.page, block.line, name, counts.get(name), count)


def test_the_java_twins_were_compared() -> None:
    if not JAVA_RESULTS.exists():
        pytest.skip("no %s: run the examples module's tests first (mvn -B verify does) to compare the Python "
                    "examples' results with their Java twins'" % JAVA_RESULTS)
    twins = {b.key for blocks in pages().values() for b in blocks if b.language == "python" and b.key}
    assert twins and twins <= set(json.loads(JAVA_RESULTS.read_text()))


@pytest.mark.connect
def test_connect_examples_run(connect_url: str, tree: Tree) -> None:
    ran = 0
    for page in python_pages():
        for block in pages()[page]:
            if block.language == "python" and ".remote(" in block.code:
                namespace: Dict[str, Any] = {}
                try:
                    run_block(block._replace(code=block.code.replace(CONNECT_URL_IN_DOCS, connect_url)), namespace,
                              tree)
                finally:
                    for value in namespace.values():
                        if type(value).__name__ == "SparkSession":   # classic or Connect
                            value.stop()
                ran += 1
    assert ran > 0, "no Spark Connect example found in the docs"
