"""Problems found while loading the knowledge base."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at one line (1-based; 0 when not known)."""

    file: str
    line: int
    message: str
    #: The file could not be read at all (bad YAML, too large): listed before the rest,
    #: which may only follow from it.
    unreadable: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class KnowledgeBaseError(Exception):
    """The knowledge base could not be loaded; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda problem: (not problem.unreadable, problem))
        summary = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the knowledge base:\n{summary}")
