# Sourced by apply-on-moto.sh and drill.sh: Terraform offline, from the
# provider mirror, in automation mode. Needs $WORK (a scratch directory) and
# $MIRROR (the filesystem mirror holding hashicorp/aws).
#
# No plugin cache: init links an unpacked mirror's provider in place, and a
# shared cache is not safe for concurrent inits (TOPOFORM_APPLY_JOBS).
cat >"$WORK/terraformrc" <<TFRC
provider_installation {
  filesystem_mirror {
    path    = "$MIRROR"
    include = ["registry.terraform.io/hashicorp/*"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/*"]
  }
}
TFRC
export TF_CLI_CONFIG_FILE="$WORK/terraformrc" TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
unset TF_PLUGIN_CACHE_DIR TF_DATA_DIR TF_WORKSPACE
