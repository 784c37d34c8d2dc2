"""The article commands (`commands/`) and the demo loader's content (`demo_content`)."""
