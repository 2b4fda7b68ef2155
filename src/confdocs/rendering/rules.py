"""Rendering rich text the markdown-it way: a rule per token type and an environment per
document.

markdown-it's own ``RendererHTML`` walks the token stream and calls ``rules[token.type]`` with
the tokens, the index and ``env``. :class:`TokenRenderer` does the same for formats other than
HTML (Word runs); :class:`TreeRenderer` does it over markdown-it's syntax tree, for formats
whose output nests by container (Markdown's list indentation and quote prefixes), as mdformat
does. A format subclasses one and defines a method ``rule_<type>`` per token or node type;
``fallback`` handles the types it does not name, so an unknown construct is never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode

Out = TypeVar("Out")


def _rules(obj: object) -> dict[str, Callable[..., Any]]:
    # A renderer is made per text (a document makes hundreds): the names its class gives are
    # found once per class, with those its instance may hold besides.
    names = _rule_names(type(obj))
    held = getattr(obj, "__dict__", ())
    own = [name for name in held if name.startswith("rule_") and name not in names]
    return {name[len("rule_") :]: getattr(obj, name) for name in (*names, *own)}


#: The names of the rules each renderer class defines.
_RULE_NAMES: dict[type, tuple[str, ...]] = {}


def _rule_names(cls: type) -> tuple[str, ...]:
    names = _RULE_NAMES.get(cls)
    if names is None:
        names = _RULE_NAMES[cls] = tuple(name for name in dir(cls) if name.startswith("rule_"))
    return names


class TokenRenderer:
    """Calls ``rule_<token.type>(tokens, index, env)`` for each token, in order; ``env`` is the
    per-document state (open formatting, collected text, link targets …)."""

    def __init__(self) -> None:
        self.rules = _rules(self)

    def render(self, tokens: Sequence[Token], env: Any) -> None:
        for index, token in enumerate(tokens):
            rule: Callable[..., Any] = self.rules.get(token.type, self.fallback)
            rule(tokens, index, env)

    def fallback(self, tokens: Sequence[Token], index: int, env: Any) -> None:
        """A token type with no rule: ignored (containers' open and close tokens)."""


class TreeRenderer(Generic[Out]):
    """Calls ``rule_<node.type>(node, env)`` for each node of markdown-it's syntax tree; a rule
    renders its children with :meth:`children`."""

    def __init__(self) -> None:
        self.rules = _rules(self)

    def tree(self, tokens: Sequence[Token]) -> SyntaxTreeNode:
        from markdown_it.tree import SyntaxTreeNode

        return SyntaxTreeNode(list(tokens))

    def node(self, node: SyntaxTreeNode, env: Any) -> Out:
        rule: Callable[..., Out] = self.rules.get(node.type, self.fallback)
        return rule(node, env)

    def children(self, node: SyntaxTreeNode, env: Any) -> list[Out]:
        return [self.node(child, env) for child in node.children]

    def fallback(self, node: SyntaxTreeNode, env: Any) -> Out:
        raise NotImplementedError(f"no rule for {node.type!r}")
