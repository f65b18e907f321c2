"""Why a task list is refused: every refusal a TaskListError, the signature's a TaskListKeyError among them."""

from __future__ import annotations


class TaskListError(ValueError):
    """A task list refused; the message says in Chinese what is wrong and what to do."""


class TaskListKeyError(TaskListError):
    """A task list whose signature is missing, wrong, or made by a key other than the county's pinned one."""


class CountyKeyChangedError(TaskListKeyError):
    """A well-signed list, but by a key other than the county's pinned one: ``fingerprint`` is the list's."""

    def __init__(self, message: str, fingerprint: str) -> None:
        super().__init__(message)
        self.fingerprint = fingerprint
