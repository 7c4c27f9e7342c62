"""The Rasa project: config, domain, rules, NLU components (bot.nlu), custom actions (bot.actions)."""
