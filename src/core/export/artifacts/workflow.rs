//! The export's CI workflow, `.github/workflows/terraform.yml`.
//!
//! It applies unattended: inputs come from the committed
//! `regions/<code>/terraform.auto.tfvars` and repository secrets
//! (`AWS_ROLE_ARN`, `HEALTH_URL_<REGION>`), never from a prompt. Every plan
//! and apply waits up to five minutes for the state lock, and each stack has
//! its own concurrency group, so two runs never race on one state.
//! - Pull requests: every stack is planned and its plan written to the job
//!   summary.
//! - Pushes to main (updates): the standby regions first, the primary last
//!   (a bad change shows in the region that serves least traffic), each job
//!   after the previous one succeeded and, when its health URL is set, after
//!   the region answers; then DNS and traffic (`global/`) behind the
//!   `production-traffic` environment's approval.
//! - A manual run with `first_apply` builds from empty in the README's order
//!   (primary first: replicas need their sources), after `bootstrap/` was
//!   applied by hand (it has local state).
//!
//! The YAML is generated text: every value in it is a stack directory or a
//! region code (validated), never free text.

use crate::core::export::layers::Layer;
use crate::core::export::plan::Stack;
use crate::core::model::Design;

const TF: &str = "      - uses: actions/checkout@v4\n      - uses: hashicorp/setup-terraform@v3\n        with:\n          terraform_version: 1.11.4\n          terraform_wrapper: false\n";

/// The credentials step, in `region`.
fn credentials(region: &str) -> String {
    format!("      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: ${{{{ secrets.AWS_ROLE_ARN }}}}\n          aws-region: {region}\n")
}

/// `../` per level: from the stack's directory to the top.
fn up(st: &Stack) -> String {
    st.up()
}

/// The region of the AWS API a stack talks to first (its state's region).
fn region_of(design: &Design, st: &Stack) -> String {
    st.state_location(design)
        .map(|(_, r)| r)
        .unwrap_or_else(|| design.state.region.clone())
}

/// The job id of a stack.
fn job(st: &Stack) -> String {
    format!(
        "apply-{}",
        st.backend_name().unwrap_or_else(|| "bootstrap".into())
    )
}

/// The repository secret holding a region's health URL: `HEALTH_URL_US_EAST_1`.
pub fn health_variable(code: &str) -> String {
    format!("HEALTH_URL_{}", code.replace('-', "_").to_uppercase())
}

/// init, plan (saved) and apply of one stack, with the lock timeout.
fn init_plan_apply(st: &Stack, name: &str) -> String {
    format!(
        "      - run: terraform -chdir={d} init -input=false -backend-config={u}backends/{name}.hcl\n      - run: terraform -chdir={d} plan -input=false -lock-timeout=5m -out=tfplan\n      - run: terraform -chdir={d} apply -input=false -lock-timeout=5m tfplan\n",
        d = st.dir(),
        u = up(st)
    )
}

/// The region whose application a stack's apply may change, so its health
/// URL gates the next job: a region's root, or a region's workloads (its
/// platform serves no traffic of its own).
fn serving(st: &Stack) -> Option<&str> {
    match st {
        Stack::Region(code) | Stack::Layer(code, Layer::Workloads) => Some(code),
        _ => None,
    }
}

/// The health gate of a region: its URL answers, with retries, when set.
fn health(code: &str) -> String {
    let var = health_variable(code);
    format!(
        "      - name: {code} answers on its health URL\n        env:\n          HEALTH_URL: ${{{{ secrets.{var} }}}}\n        run: |\n          if [ -z \"$HEALTH_URL\" ]; then echo \"{var} is not set: {code} is gated on its apply only\"; exit 0; fi\n          curl --fail --silent --show-error --retry 10 --retry-delay 15 --retry-all-errors \"$HEALTH_URL\"\n"
    )
}

/// `.github/workflows/terraform.yml` for `order` (the README's apply order).
pub fn workflow(design: &Design, order: &[Stack]) -> String {
    let mut w = String::from(
        "name: terraform\n\non:\n  pull_request:\n  push:\n    branches: [main]\n  workflow_dispatch:\n    inputs:\n      first_apply:\n        description: Build from empty in the README's order (primary first)\n        type: boolean\n        default: false\n\npermissions:\n  contents: read\n  id-token: write\n\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n",
    );
    w.push_str(TF);
    w.push_str("      - run: terraform fmt -check -recursive\n");
    for st in order {
        w.push_str(&format!("      - run: terraform -chdir={d} init -backend=false && terraform -chdir={d} validate\n", d = st.dir()));
    }
    let remote: Vec<&Stack> = order
        .iter()
        .filter(|s| s.backend_name().is_some())
        .collect();
    // Pull requests: a plan per stack, in the job summary.
    w.push_str("\n  plan:\n    if: github.event_name == 'pull_request'\n    needs: check\n    runs-on: ubuntu-latest\n    strategy:\n      fail-fast: false\n      matrix:\n        include:\n");
    for st in &remote {
        w.push_str(&format!(
            "          - dir: {}\n            backend: {}backends/{}.hcl\n            region: {}\n",
            st.dir(),
            up(st),
            st.backend_name().unwrap_or_default(),
            region_of(design, st)
        ));
    }
    w.push_str("    concurrency:\n      group: plan-${{ matrix.dir }}-${{ github.ref }}\n      cancel-in-progress: true\n    steps:\n");
    w.push_str(TF);
    w.push_str("      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: ${{ secrets.AWS_ROLE_ARN }}\n          aws-region: ${{ matrix.region }}\n");
    w.push_str("      - run: terraform -chdir=\"${{ matrix.dir }}\" init -input=false -backend-config=\"${{ matrix.backend }}\"\n");
    w.push_str("      - run: terraform -chdir=\"${{ matrix.dir }}\" plan -input=false -lock-timeout=5m -no-color -out=tfplan\n");
    w.push_str("      - name: plan in the job summary\n        run: |\n          {\n            echo \"### ${{ matrix.dir }}\"\n            echo '```'\n            terraform -chdir=\"${{ matrix.dir }}\" show -no-color tfplan\n            echo '```'\n          } >> \"$GITHUB_STEP_SUMMARY\"\n");
    // Updates on main: standby regions first, the primary last, global last behind approval.
    let primary = design.primary().map(|p| p.code.clone());
    let mut update: Vec<&Stack> = remote
        .iter()
        .filter(|s| s.region().is_none() && !matches!(s, Stack::Global))
        .copied()
        .collect();
    update.extend(
        remote
            .iter()
            .filter(|s| s.region().is_some() && s.region() != primary.as_deref()),
    );
    update.extend(
        remote
            .iter()
            .filter(|s| s.region().is_some() && s.region() == primary.as_deref()),
    );
    let mut prev = "check".to_string();
    for st in update {
        let name = st.backend_name().unwrap_or_default();
        w.push_str(&format!(
            "\n  {job}:\n    if: github.event_name == 'push' && github.ref == 'refs/heads/main'\n    needs: {prev}\n    runs-on: ubuntu-latest\n    environment: production\n    concurrency:\n      group: terraform-{name}\n      cancel-in-progress: false\n    steps:\n",
            job = job(st)
        ));
        w.push_str(TF);
        w.push_str(&credentials(&region_of(design, st)));
        w.push_str(&init_plan_apply(st, &name));
        if let Some(code) = serving(st) {
            w.push_str(&health(code));
        }
        prev = job(st);
    }
    if let Some(g) = remote.iter().find(|s| matches!(s, Stack::Global)) {
        w.push_str(&format!(
            "\n  traffic:\n    if: github.event_name == 'push' && github.ref == 'refs/heads/main'\n    needs: {prev}\n    runs-on: ubuntu-latest\n    environment: production-traffic\n    concurrency:\n      group: terraform-global\n      cancel-in-progress: false\n    steps:\n"
        ));
        w.push_str(TF);
        w.push_str(&credentials(&region_of(design, g)));
        w.push_str(&init_plan_apply(g, "global"));
    }
    // First build: one job, the README's order, each region checked before the next.
    w.push_str("\n  first-apply:\n    if: github.event_name == 'workflow_dispatch' && inputs.first_apply\n    needs: check\n    runs-on: ubuntu-latest\n    environment: production-traffic\n    concurrency:\n      group: terraform-first-apply\n      cancel-in-progress: false\n    steps:\n");
    w.push_str(TF);
    w.push_str(&credentials(&design.state.region));
    // bootstrap (local state) is applied once by hand, before CI can store state.
    for st in &remote {
        w.push_str(&init_plan_apply(st, &st.backend_name().unwrap_or_default()));
        if let Some(code) = serving(st) {
            w.push_str(&health(code));
        }
    }
    w
}
