"""The FAQ knowledge base: models, loader/checker, Korean matching and evaluation.

This package must not import `telegram` or `sqlalchemy`.
"""

from bot.knowledge.engine import FaqEngine, MatchResult, Outcome
from bot.knowledge.loader import load_knowledge_base
from bot.knowledge.models import (
    Center,
    CrisisPattern,
    FaqEntry,
    Group,
    KnowledgeBase,
    Link,
    Phone,
    Safety,
)
from bot.knowledge.problems import KnowledgeBaseError, Problem

__all__ = [
    "Center",
    "CrisisPattern",
    "FaqEngine",
    "FaqEntry",
    "Group",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Link",
    "MatchResult",
    "Outcome",
    "Phone",
    "Problem",
    "Safety",
    "load_knowledge_base",
]
