"""The pay asset on a real slice of the snapshot, and the batch command."""

import json

import duckdb

from pipelines.cli import main


def test_structured_pay_is_read_from_the_structured_fields(slice_warehouse):
    with duckdb.connect(str(slice_warehouse), read_only=True) as conn:
        ashby = conn.execute("""
            SELECT count(*), count(*) FILTER (WHERE pp.min = p.pay_min AND pp.max = p.pay_max
                                              AND pp.currency = p.pay_currency)
            FROM core.posting_pay AS pp JOIN core.postings AS p USING (posting_key)
            WHERE p.source = 'ashby' AND p.pay_min IS NOT NULL
              AND pp.method = 'ashby_compensation'
              AND json_array_length(p.pay_structured -> '$.compensationTiers') = 1
        """).fetchone()
        methods = dict(conn.execute(
            "SELECT source, list(DISTINCT method) FROM core.posting_pay GROUP BY 1").fetchall())
    assert ashby[0] > 0 and ashby[1] == ashby[0]
    assert methods["anthropic_job_watch"] == ["greenhouse_pay_range"]
    assert methods["openai_careers"] == ["pay_text"]


def test_one_row_per_posting_and_one_representative_range(slice_warehouse):
    with duckdb.connect(str(slice_warehouse), read_only=True) as conn:
        rows, keys = conn.execute(
            "SELECT count(*), count(DISTINCT posting_key) FROM core.posting_pay").fetchone()
        bad = conn.execute("""
            SELECT count(*) FROM core.posting_pay AS pp
            LEFT JOIN (SELECT posting_key, count(*) FILTER (WHERE is_representative) AS reps,
                              count(*) AS n
                       FROM core.posting_pay_ranges GROUP BY 1) AS r USING (posting_key)
            WHERE coalesce(r.n, 0) <> pp.n_ranges
               OR (pp.n_ranges > 0 AND r.reps <> 1)
        """).fetchone()[0]
        swapped = conn.execute(
            "SELECT count(*) FROM core.posting_pay_ranges WHERE min > max "
            "OR min_usd_annual > max_usd_annual").fetchone()[0]
    assert rows == keys > 0
    assert bad == 0
    assert swapped == 0


def test_pay_command_writes_one_line_per_input_line_in_order(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    lines = [
        {"id": "usd", "text": "$150 - 300k + equity", "country": "US"},
        {"id": "aud", "text": "$120K AUD"},
        {"id": "none", "text": "Negotiable"},
        "this line is not JSON",
        {"id": "chf", "text": "CHF 140'000", "posted_at": "2025-06-01"},
    ]
    source.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")
    target = tmp_path / "out.jsonl"
    assert main(["pay", "--in", str(source), "--out", str(target)]) == 0
    out = [json.loads(line) for line in target.read_text().splitlines()]
    assert [o["id"] for o in out] == ["usd", "aud", "none", None, "chf"]
    assert (out[0]["min"], out[0]["max"], out[0]["currency"], out[0]["equity"]) == (
        150_000, 300_000, "USD", True)
    assert out[1]["currency"] == "AUD" and out[1]["min_usd_annual"] < 120_000
    assert "error" in out[2] and "error" in out[3]
    assert (out[4]["min"], out[4]["currency"]) == (140_000, "CHF")
    assert "5 lines written" in capsys.readouterr().err
