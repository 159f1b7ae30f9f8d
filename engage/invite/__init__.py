"""Business surveys by e-mail: contacts, personal links, sending, answering, erasure."""
