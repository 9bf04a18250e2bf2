"""The age file format: how to recognise an age file, and the library that reads and writes
them (pyrage, the optional `encrypt` extra). A leaf: `codec` and `keys` both build on it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from mentorlog.errors import StorageError

if TYPE_CHECKING:
    from types import ModuleType

AGE_MAGIC = b"age-encryption.org/v1\n"
AGE_ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"
INSTALL_HINT = "Encryption needs the 'encrypt' extra: pip install 'mentorlog[encrypt]'."


def is_age(data: bytes) -> bool:
    return data.startswith((AGE_MAGIC, AGE_ARMOR))


def pyrage(why: str = "This journal is encrypted.") -> ModuleType:
    """The age library, or one line saying how to install it."""
    try:
        module = importlib.import_module("pyrage")
    except ImportError:
        raise StorageError(f"{why} {INSTALL_HINT}") from None
    return module
