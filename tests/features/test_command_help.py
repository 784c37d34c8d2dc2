"""Every management command answers --help: staff read it before anything else."""

from io import StringIO

import pytest
from django.core.management import get_commands, load_command_class

PROJECT_APPS = ("articles", "newsroom.operations")
COMMANDS = sorted(name for name, app in get_commands().items() if app in PROJECT_APPS)


def test_the_project_commands_are_all_found():
    assert {"import_ninjs", "export_ninjs", "backup", "restore", "ensure_admin"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_help_describes_the_command_and_its_options(name):
    command = load_command_class(get_commands()[name], name)
    out = StringIO()
    command.create_parser("manage.py", name).print_help(out)
    text = out.getvalue()
    assert text.startswith("usage: manage.py " + name)
    assert "--help" in text
