"""Signing checks (SIGN): the local signing service, token, certificate, browsers."""
