"""Every docstring example in the library runs and gives what it shows."""

import doctest
import importlib
import pkgutil

import pytest

import jzrol

MODULES = sorted(name for _, name, _ in pkgutil.walk_packages(jzrol.__path__, "jzrol."))  # subpackages too


@pytest.mark.parametrize("name", ["jzrol", *MODULES])
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
