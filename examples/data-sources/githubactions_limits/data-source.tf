data "githubactions_limits" "org" {
  organization = "my-org"
}

output "static_ips_available" {
  value = data.githubactions_limits.org.available
}
