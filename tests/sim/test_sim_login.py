"""API login: method by version and the exact bad-credential traps."""

import librouteros
import pytest
import rawapi
from librouteros.exceptions import TrapError
from librouteros.login import plain, token


@pytest.fixture(scope="module")
def sims(routeros_sim_module_factory):
    return {v: routeros_sim_module_factory("--version", v, "--user", "bob:s3cret") for v in ("6.40.4", "6.44.6", "6.49.10")}


@pytest.mark.parametrize("version,method", [("6.40.4", token), ("6.44.6", token), ("6.44.6", plain), ("6.49.10", plain)])
def test_fact_login_method_by_version(sims, version, method):
    api = sims[version].api(username="bob", password="s3cret", login_method=method)
    assert list(api("/system/identity/print")) == [{"name": "MikroTik"}]
    api.close()


def test_fact_no_challenge_for_token_login_from_645(sims):
    with pytest.raises((KeyError, StopIteration)):
        sims["6.49.10"].api(username="bob", password="s3cret", login_method=token)


def test_fact_plain_login_before_643_is_answered_with_a_challenge(sims):
    raw = rawapi.RawApi(*sims["6.40.4"].address())
    (done,) = raw.command("/login", "=name=bob", "=password=s3cret")
    assert done[0] == "!done" and done[1].startswith("=ret=") and len(bytes.fromhex(done[1][5:])) == 16
    assert raw.command("/system/identity/print") == [["!trap", "=category=4", "=message=not logged in"], ["!done"]]
    raw.close()


def test_librouteros_plain_login_before_643_seems_to_work_then_not_logged_in(sims):
    api = sims["6.40.4"].api(username="bob", password="s3cret", login_method=plain)
    with pytest.raises(TrapError, match="not logged in"):
        list(api("/system/identity/print"))
    api.close()


def test_fact_bare_login_on_645_plus_gives_no_challenge(sims):
    raw = rawapi.RawApi(*sims["6.49.10"].address())
    assert raw.command("/login") == [["!done"]]
    raw.close()


def test_fact_challenge_is_hex(sims):
    raw = rawapi.RawApi(*sims["6.40.4"].address())
    (done,) = raw.command("/login")
    assert done[0] == "!done" and done[1].startswith("=ret=")
    bytes.fromhex(done[1][5:])
    raw.close()


def test_fact_bad_credentials_before_643_cannot_log_in(sims):
    raw = rawapi.RawApi(*sims["6.40.4"].address())
    raw.command("/login")
    replies = raw.command("/login", "=name=bob", "=response=00" + "0" * 32)
    assert replies == [["!trap", "=category=4", "=message=cannot log in"], ["!done"]]
    raw.close()


@pytest.mark.parametrize("version", ["6.44.6", "6.49.10"])
def test_fact_bad_credentials_later_v6_invalid_user_name_or_password(sims, version):
    raw = rawapi.RawApi(*sims[version].address())
    replies = raw.command("/login", "=name=bob", "=password=wrong")
    assert replies == [["!trap", "=category=4", "=message=invalid user name or password (6)"], ["!done"]]
    replies = raw.command("/login", "=name=nobody", "=password=")
    assert replies[0][-1] == "=message=invalid user name or password (6)"
    raw.close()


def test_nothing_but_login_before_login(sims):
    raw = rawapi.RawApi(*sims["6.49.10"].address())
    assert raw.command("/system/identity/print") == [["!trap", "=category=4", "=message=not logged in"], ["!done"]]
    assert raw.command("/sim/audit/print")[0][-1] == "=message=not logged in"
    raw.login("bob", "s3cret")
    assert rawapi.rows(raw.command("/system/identity/print")) == [{"name": "MikroTik"}]
    raw.close()


def test_routeros_api_non_plaintext_login_works_before_645(sims):
    import routeros_api

    host, port = sims["6.40.4"].address()
    pool = routeros_api.RouterOsApiPool(host, username="bob", password="s3cret", port=port, plaintext_login=False)
    assert pool.get_api().get_resource("/system/identity").get() == [{"name": "MikroTik"}]
    pool.disconnect()


def test_default_admin_has_empty_password(sims):
    api = librouteros.connect(*sims["6.49.10"].address()[:1], "admin", "", port=sims["6.49.10"].address()[1])
    assert list(api("/user/active/print"))[0]["name"] == "admin"
    api.close()


@pytest.fixture(scope="module")
def admin_secret(routeros_sim_module_factory):
    return routeros_sim_module_factory("--user", "admin:secret", "--user", "carol:pw")


def test_user_option_sets_the_password_of_an_existing_user(admin_secret):
    api = admin_secret.api(password="secret")
    users = [(u["name"], u["group"]) for u in api.path("/user")]
    assert users == [("admin", "full"), ("carol", "full")]
    api.close()
    with pytest.raises(TrapError, match="invalid user name or password"):
        admin_secret.api(password="")


def test_fact_user_names_are_unique(admin_secret):
    api = admin_secret.api(password="secret")
    users = api.path("/user")
    with pytest.raises(TrapError, match="^failure: user with the same name already exists$"):
        users.add(name="carol", group="read", password="x")
    carol = next(u[".id"] for u in users if u["name"] == "carol")
    with pytest.raises(TrapError, match="^failure: user with the same name already exists$"):
        users.update(**{".id": carol, "name": "admin"})
    assert [u["name"] for u in users] == ["admin", "carol"]
    api.close()
