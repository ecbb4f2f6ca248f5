"""Role documentation has one home, meta/argument_specs.yml: the README tables are generated from it and fail this
suite when stale, defaults/main.yml holds the values it documents and nothing else, and vars/main.yml holds no
variable that no task uses."""

from __future__ import annotations

import os
import re
import shutil
import sys

import pytest
import yaml

from roles_helpers import ROOT

sys.path.insert(0, os.path.join(ROOT, "tools"))

import gen_role_docs  # noqa: E402

ROLES = sorted(d for d in os.listdir(os.path.join(ROOT, "roles")) if os.path.isdir(os.path.join(ROOT, "roles", d)))


def load(role, *parts):
    with open(os.path.join(ROOT, "roles", role, *parts)) as handle:
        return yaml.safe_load(handle)


def test_every_role_has_an_argument_spec():
    assert ROLES == ["backup", "diagnose", "guest_network", "hardening", "ipv6_pd", "lan_ipv4", "monitoring", "report", "wan_dhcp", "wifi"]
    assert [os.path.basename(d) for d in gen_role_docs.role_dirs()] == ROLES


@pytest.mark.parametrize("role", ROLES)
def test_readme_variables_table_is_generated_from_the_argument_spec(role):
    path, current, wanted = gen_role_docs.render(os.path.join(ROOT, "roles", role))
    assert current == wanted, "%s is stale: run python tools/gen_role_docs.py" % os.path.relpath(path, ROOT)
    for name in load(role, "meta", "argument_specs.yml")["argument_specs"]["main"]["options"]:
        assert "| `%s` |" % name in current


def test_a_changed_argument_spec_makes_the_readme_stale(tmp_path):
    role = tmp_path / "lan_ipv4"
    shutil.copytree(os.path.join(ROOT, "roles", "lan_ipv4"), role)
    spec_file = role / "meta" / "argument_specs.yml"
    spec_file.write_text(spec_file.read_text().replace("Name of the LAN DHCP pool", "Name of the DHCP pool of the LAN"))
    path, current, wanted = gen_role_docs.render(str(role))
    assert current != wanted
    assert "| `lan_ipv4_pool_name` | str | `dhcp_pool_lan` | Name of the DHCP pool of the LAN (/ip pool). |" in wanted
    assert wanted.split(gen_role_docs.BEGIN)[0] == current.split(gen_role_docs.BEGIN)[0], "hand-written text is kept"


def test_markup_and_defaults_are_written_as_markdown():
    option = {"description": "Comment C(soho: a|b), see I(state).", "type": "list", "elements": "str",
              "default": ["a"], "no_log": True}
    assert gen_role_docs.table({"x_y": option})[2] == \
        '| `x_y` | list of str | `["a"]` | Comment `soho: a\\|b`, see *state*. Never shown in the output. |'
    assert gen_role_docs.default_text({"default": ""}) == '`""`'
    assert gen_role_docs.default_text({"default": "soho: "}) == '`"soho: "`'
    assert gen_role_docs.default_text({"default": False}) == "`false`"


@pytest.mark.parametrize("role", ROLES)
def test_defaults_hold_the_values_the_argument_spec_documents(role):
    specs = load(role, "meta", "argument_specs.yml")["argument_specs"]
    options = specs["main"]["options"]
    defaults = load(role, "defaults", "main.yml")
    assert set(defaults) == set(options), "every variable is in both files"
    for name, option in options.items():
        assert name.startswith(role + "_")
        assert defaults[name] == option["default"], name
        assert option["description"], name
    for entry in specs.values():
        assert set(entry.get("options") or {}) <= set(options)


@pytest.mark.parametrize("role", ROLES)
def test_defaults_carry_no_second_copy_of_the_descriptions(role):
    with open(os.path.join(ROOT, "roles", role, "defaults", "main.yml")) as handle:
        comments = [line for line in handle if line.lstrip().startswith("#")]
    assert len(comments) <= 2, comments


@pytest.mark.parametrize("role", ROLES)
def test_every_role_var_is_used(role):
    path = os.path.join(ROOT, "roles", role, "vars", "main.yml")
    if not os.path.exists(path):
        pytest.skip("no vars/main.yml")
    texts = []
    for base, _dirs, files in os.walk(os.path.join(ROOT, "roles", role)):
        for name in files:
            if name.endswith((".yml", ".j2")) and os.path.join(base, name) != path:
                with open(os.path.join(base, name)) as handle:
                    texts.append(handle.read())
    with open(path) as handle:
        own = handle.read()
    for name in load(role, "vars", "main.yml"):
        used = re.compile(r"\b%s\b" % re.escape(name))
        assert any(used.search(t) for t in texts) or len(used.findall(own)) > 1, name


PRODUCT = ("plugins/filter", "roles", "playbooks", "inventories", "README.md", "docs")
OUTSIDE = re.compile(r"\b(seed|facts section|shared/reference)\b", re.IGNORECASE)


def product_files():
    for top in PRODUCT:
        path = os.path.join(ROOT, top)
        if os.path.isfile(path):
            yield path
        for base, _dirs, files in os.walk(path):
            for name in files:
                yield os.path.join(base, name)


def test_product_files_speak_only_of_the_project():
    """No product file refers to documents the repository does not hold."""
    found = []
    for path in product_files():
        with open(path, errors="replace") as handle:
            for number, line in enumerate(handle, 1):
                if OUTSIDE.search(line):
                    found.append("%s:%d: %s" % (os.path.relpath(path, ROOT), number, line.strip()))
    assert found == []


def test_references_to_the_routeros_notes_resolve():
    """Files that point readers to docs/routeros-v6.md point to a file the repository holds, with public sources."""
    with open(os.path.join(ROOT, "docs", "routeros-v6.md")) as handle:
        notes = handle.read()
    citing = [p for p in product_files() if p.endswith((".py", ".yml", ".md")) and "docs/routeros-v6.md" in open(p).read()]
    assert len(citing) >= 5
    sources = re.findall(r"https://[a-z0-9-]+(?:\.[a-z0-9-]+)+/[^\s),]*", notes)
    assert sources and all(s.startswith(("https://help.mikrotik.com/", "https://wiki.mikrotik.com/", "https://github.com/luqasz/",
                                         "https://docs.ansible.com/", "https://www.rfc-editor.org/")) for s in sources), sources
