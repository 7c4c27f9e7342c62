import pytest
import yaml

from responses import PROFILES_DIR
from responses.errors import ProfileError
from responses.profiles import available_profiles, load_profile

FIVE = ["actio", "japanet-holdings", "saison-technology", "septeni-holdings", "sesenergy"]


def test_the_five_companies_are_profiles():
    assert available_profiles() == FIVE


@pytest.mark.parametrize("profile_id", FIVE)
def test_every_profile_validates(profile_id):
    profile = load_profile(profile_id)
    assert profile.company.id == profile_id
    assert profile.regimes.appi is True


def _write(tmp_path, data):
    (tmp_path / "acme.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_a_missing_fact_stops_loading_and_is_named(tmp_path):
    data = yaml.safe_load((PROFILES_DIR / "actio.yaml").read_text(encoding="utf-8"))
    data["company"]["id"] = "acme"
    del data["fee"]["amount_jpy"]
    _write(tmp_path, data)
    with pytest.raises(ProfileError, match=r"fee\.amount_jpy: missing"):
        load_profile("acme", tmp_path)


def test_an_unknown_key_is_a_typo_not_a_fact(tmp_path):
    data = yaml.safe_load((PROFILES_DIR / "actio.yaml").read_text(encoding="utf-8"))
    data["company"]["id"] = "acme"
    data["fee"]["amount_yen"] = 100
    _write(tmp_path, data)
    with pytest.raises(ProfileError, match=r"fee\.amount_yen"):
        load_profile("acme", tmp_path)


def test_an_unknown_profile_lists_the_known_ones():
    with pytest.raises(ProfileError, match="available: actio"):
        load_profile("nobody")
