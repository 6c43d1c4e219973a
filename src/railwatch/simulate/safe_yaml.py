"""YAML for files people hand us: bounded in bytes, nesting, aliases and expanded size.

PyYAML's safe loader builds aliased structures by reference, so a 510-byte "billion
laughs" file loads into a small graph that explodes as soon as anything walks it (an
error message, a validator, JSON output). Here the composed node graph is measured
before any Python object is built: too many aliases, values, or levels of nesting, or a
recursive alias, is one clear `YAMLLimitError`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 5 * 1024 * 1024
MAX_ALIASES = 1_000
MAX_VALUES = 200_000  # every scalar, list and mapping, counting each alias as its expansion
MAX_DEPTH = 64


class YAMLLimitError(ValueError):
    """The document is over one of the limits; the message names the limit."""


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that counts aliases and nesting while composing."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._aliases = 0
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise YAMLLimitError(f"more than {MAX_ALIASES:,} aliases (*name)")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YAMLLimitError(f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_document(self) -> Any:
        node = super().compose_document()
        if node is not None:
            _check_expanded_size(node)
        return node


def _check_expanded_size(root: yaml.Node) -> None:
    """Count values as if every alias were written out; refuse cycles and big expansions."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    # iterative post-order walk: (node, children done?)
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            open_nodes.discard(key)
            total = 1 + sum(sizes[id(child)] for child in _children(node))
            if total > MAX_VALUES:
                raise YAMLLimitError(
                    f"aliases expand to more than {MAX_VALUES:,} values (an alias bomb?)"
                )
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise YAMLLimitError("a recursive alias (a value that contains itself)")
        open_nodes.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in open_nodes:
                raise YAMLLimitError("a recursive alias (a value that contains itself)")
            if id(child) not in sizes:
                stack.append((child, False))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def read_text_bounded(path: str | os.PathLike, limit: int = MAX_BYTES) -> str:
    """A regular file's UTF-8 text, refusing FIFOs and devices and files over `limit` bytes.

    Raises OSError for unreadable files and ValueError (with the reason) for the rest.
    """
    path = Path(path)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError("not a regular file (a pipe, device or directory)")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(limit + 1)
    finally:
        os.close(fd)
    if len(raw) > limit:
        raise ValueError(f"larger than {limit:,} bytes")
    return raw.decode("utf-8")


def safe_load(text: str) -> Any:
    """Parse YAML text with the safe loader and the limits above."""
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_data()
    except RecursionError:
        raise YAMLLimitError(f"nested more than {MAX_DEPTH} levels deep") from None
    finally:
        loader.dispose()
