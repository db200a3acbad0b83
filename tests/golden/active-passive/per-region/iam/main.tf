resource "aws_iam_role" "use1-app_us_east_1" {
  name               = "shop-prod-app-us-east-1"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy_attachment" "use1-app_us_east_1_ssm" {
  role       = aws_iam_role.use1-app_us_east_1.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "use1-app_us_east_1" {
  name = "shop-prod-app-us-east-1"
  role = aws_iam_role.use1-app_us_east_1.name
}

resource "aws_iam_role" "usw2-app_us_west_2" {
  name               = "shop-prod-app-us-west-2"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy_attachment" "usw2-app_us_west_2_ssm" {
  role       = aws_iam_role.usw2-app_us_west_2.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "usw2-app_us_west_2" {
  name = "shop-prod-app-us-west-2"
  role = aws_iam_role.usw2-app_us_west_2.name
}

output "instance_profiles" {
  description = "Instance profile ARNs by name (region roots name the profiles; this is for people)."
  value = {
    "shop-prod-app-us-east-1" = aws_iam_instance_profile.use1-app_us_east_1.arn
    "shop-prod-app-us-west-2" = aws_iam_instance_profile.usw2-app_us_west_2.arn
  }
}
