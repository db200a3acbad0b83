# The ACM certificate (in us-east-1) of this region's HTTPS listeners: request or import it in us-east-1,
# paste its ARN here and commit. Terraform reads this file by itself (CI too).
certificate_arn = ""
