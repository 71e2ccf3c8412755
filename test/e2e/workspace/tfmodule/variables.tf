variable "tls" {
  type    = bool
  default = true
}

variable "auth_token" {
  type      = string
  sensitive = true
}

variable "subnet_ids" {
  type = list(string)
}
