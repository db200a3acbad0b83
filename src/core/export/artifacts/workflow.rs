//! The export's CI workflow, `.github/workflows/terraform.yml`.

use crate::core::export::plan::Stack;

/// `.github/workflows/terraform.yml`: fmt and validate on pull requests;
/// plan and apply per stack in the apply order on main.
pub fn workflow(order: &[Stack]) -> String {
    let mut w = String::from(
        "name: terraform\n\non:\n  pull_request:\n  push:\n    branches: [main]\n\npermissions:\n  contents: read\n  id-token: write\n\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: hashicorp/setup-terraform@v3\n        with:\n          terraform_version: 1.11.4\n      - run: terraform fmt -check -recursive\n",
    );
    for st in order {
        w.push_str(&format!("      - run: terraform -chdir={d} init -backend=false && terraform -chdir={d} validate\n", d = st.dir()));
    }
    let mut prev = "check".to_string();
    for st in order.iter().filter(|s| s.backend_name().is_some()) {
        let job = format!("apply-{}", st.backend_name().unwrap_or_default());
        let up = if st.dir().contains('/') { "../../" } else { "../" };
        w.push_str(&format!(
            "\n  {job}:\n    if: github.ref == 'refs/heads/main' && github.event_name == 'push'\n    needs: {prev}\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - uses: actions/checkout@v4\n      - uses: hashicorp/setup-terraform@v3\n        with:\n          terraform_version: 1.11.4\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: ${{{{ secrets.AWS_ROLE_ARN }}}}\n          aws-region: us-east-1\n      - run: terraform -chdir={d} init -backend-config={up}backends/{b}.hcl\n      - run: terraform -chdir={d} plan -out=tfplan\n      - run: terraform -chdir={d} apply tfplan\n",
            d = st.dir(),
            b = st.backend_name().unwrap_or_default()
        ));
        prev = job;
    }
    w
}
