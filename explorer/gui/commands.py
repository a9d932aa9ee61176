"""The window's undo steps: each QUndoCommand wraps one core command (explorer.core.commands),
which is bound to its own scenario. Qt adds only the stack: merging of consecutive steps
and dropping a merged step that came back to where it started."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from ..core.commands import Command

MERGE_ID = 1001


class UndoStep(QUndoCommand):
    def __init__(self, command: Command):
        super().__init__(command.text)
        self.command = command

    @property
    def scenario(self):
        return self.command.scenario

    def redo(self):
        self.command.do()

    def undo(self):
        self.command.undo()

    def id(self):
        return MERGE_ID if self.command.merge_key else -1

    def mergeWith(self, other) -> bool:
        if not isinstance(other, UndoStep) or not self.command.merge(other.command):
            return False
        self.setText(self.command.text)
        # 80 → 75 → 80: nothing left to undo, and the file is as it was
        self.setObsolete(self.command.is_noop)
        return True
