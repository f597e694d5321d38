"""One rule for printing a key of the input, on every surface: a short name with at most four
digits. A key that holds a BSN or a date is never printed: the path stops at its parent."""

from __future__ import annotations

import pytest

from sekswerk_rules import RegimeError, load_regime, scenarios

SECRETS = ("123456782", "1999-04-02")


@pytest.mark.parametrize("key", SECRETS)
def test_a_regime_file_never_prints_a_key_holding_a_bsn_or_a_date(tmp_path, key):
    (tmp_path / "r.toml").write_text(f'id = "stad"\nname = "Stad"\nextends = "model-apv"\n[[versions]]\nvalid_from = 2020-01-01\n[versions.rules.minimumleeftijd]\n"{key}" = 1\n')
    with pytest.raises(RegimeError) as caught:
        load_regime(tmp_path / "r.toml")
    assert key not in str(caught.value) and "versions[0].rules.minimumleeftijd" in str(caught.value)


@pytest.mark.parametrize("key", SECRETS)
def test_a_scenario_file_never_prints_a_fact_name_holding_a_bsn_or_a_date(key):
    text = f'regime = "leeuwarden"\n[[scenario]]\nnaam = "x"\npeildatum = 2024-05-01\nverwacht = {{ oordeel = "legaal" }}\n[scenario.feiten]\n"{key}" = 1\n'
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.parse(text, "s.toml")
    assert key not in str(caught.value) and "scenario[0].feiten" in str(caught.value)


@pytest.mark.parametrize("key", SECRETS)
def test_a_request_never_prints_a_query_or_batch_key_holding_a_bsn_or_a_date(key):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from sekswerk_rules.server import create_app

    client = TestClient(create_app())
    asked = client.get(f"/v1/regimes?x{key}=1")
    assert asked.status_code == 400 and key not in asked.text
    batch = client.post("/v1/decisions/batch", json={"cases": [], f"x{key}": 1})
    assert batch.status_code == 400 and key not in batch.text
