"""Settings by capability, each module read from the environment only, with safe local defaults; `frontdoor.settings`
keeps Django's core and star-imports these, so every value is an ordinary Django setting (read it through
`django.conf.settings`, never from here). `environment` says which preset runs and holds the readers the others use.
"""
