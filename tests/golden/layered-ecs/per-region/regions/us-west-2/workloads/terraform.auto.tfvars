# The ACM certificate (in us-west-2) of this region's HTTPS listeners: request or import it in us-west-2,
# paste its ARN here and commit. Terraform reads this file by itself (CI too).
certificate_arn = ""
