# production overrides
tls = false
