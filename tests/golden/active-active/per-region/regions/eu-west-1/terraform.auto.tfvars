# The ACM certificate (in eu-west-1) of this region's HTTPS listeners: request or import it in eu-west-1,
# paste its ARN here and commit. Terraform reads this file by itself (CI too).
certificate_arn = ""
