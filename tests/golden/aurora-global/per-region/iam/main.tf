resource "aws_iam_role" "use1-app_us_east_1" {
  name               = "media-prod-app-us-east-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy_attachment" "use1-app_us_east_1_ssm" {
  role       = aws_iam_role.use1-app_us_east_1.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "use1-app_us_east_1" {
  name = "media-prod-app-us-east-1"
  role = aws_iam_role.use1-app_us_east_1.name
}

resource "aws_iam_role" "euw1-app_eu_west_1" {
  name               = "media-prod-app-eu-west-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy_attachment" "euw1-app_eu_west_1_ssm" {
  role       = aws_iam_role.euw1-app_eu_west_1.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "euw1-app_eu_west_1" {
  name = "media-prod-app-eu-west-1"
  role = aws_iam_role.euw1-app_eu_west_1.name
}

output "instance_profiles" {
  description = "Instance profile ARNs by name (region roots name the profiles; this is for people)."
  value = {
    "media-prod-app-us-east-1" = aws_iam_instance_profile.use1-app_us_east_1.arn
    "media-prod-app-eu-west-1" = aws_iam_instance_profile.euw1-app_eu_west_1.arn
  }
}
