"""Every claim of CLAIMS.md evaluated per source and pooled: core.claims, core.claim_evidence."""

import json

from dagster import AssetExecutionContext, MaterializeResult, asset
from dagster_duckdb import DuckDBResource

from pipelines.claims.evaluate import evaluate_claims, load_claims
from pipelines.claims.frame import load_frame
from pipelines.common.metadata import markdown_table
from pipelines.warehouse.assets import core_key
from pipelines.warehouse.sql import replace_table

GROUP = "claims"
CLAIM_COLUMNS = {
    "claim_id": "VARCHAR", "statement": "VARCHAR", "metric": "VARCHAR", "rule": "VARCHAR",
    "verdict": "VARCHAR", "summary": "VARCHAR", "n": "BIGINT",
    "sources_supporting": "VARCHAR[]", "sources_contradicting": "VARCHAR[]",
    "sources_inconclusive": "VARCHAR[]", "sources_insufficient": "VARCHAR[]",
    "pooled_verdict": "VARCHAR", "reason": "VARCHAR",
}
EVIDENCE_COLUMNS = {
    "claim_id": "VARCHAR", "scope": "VARCHAR", "scope_verdict": "VARCHAR", "quantity": "VARCHAR",
    "estimate": "DOUBLE", "ci_low": "DOUBLE", "ci_high": "DOUBLE", "n": "BIGINT",
    "detail": "JSON",
}
OUT_OF_SCOPE_COLUMNS = {"statement": "VARCHAR", "reason": "VARCHAR"}


@asset(key=core_key("claims"), group_name=GROUP, kinds={"python", "duckdb"},
       deps=[core_key("postings"), core_key("posting_layers"), core_key("posting_pay"),
             core_key("posting_requirements")],
       description="A verdict per claim from the rule in claims.yaml, with its evidence rows "
                   "(estimates, bootstrap intervals, n) per source and pooled.")
def claims(context: AssetExecutionContext, warehouse: DuckDBResource) -> MaterializeResult:
    config = load_claims()
    with warehouse.get_connection() as conn:
        frame = load_frame(conn)
    claim_rows, evidence_rows = evaluate_claims(frame, config)
    for row in evidence_rows:
        row["detail"] = json.dumps(row["detail"], sort_keys=True) if row["detail"] else None
    with warehouse.get_connection() as conn:
        replace_table(conn, "core.claims", CLAIM_COLUMNS, claim_rows)
        replace_table(conn, "core.claim_evidence", EVIDENCE_COLUMNS, evidence_rows)
        replace_table(conn, "core.claims_out_of_scope", OUT_OF_SCOPE_COLUMNS,
                      [{"statement": c["statement"], "reason": " ".join(c["reason"].split())}
                       for c in config["out_of_scope"]])
    verdicts = [(c["claim_id"], c["verdict"], c["summary"][:90]) for c in claim_rows]
    context.log.info("claims: " + ", ".join(f"{c} {v}" for c, v, _ in verdicts))
    return MaterializeResult(metadata={
        "dagster/row_count": len(claim_rows),
        "evidence_rows": len(evidence_rows),
        "claims_version": config["version"],
        "verdicts": markdown_table(verdicts, ("claim", "verdict", "evidence")),
    })


CLAIM_ASSETS = [claims]
