"""Custom Rasa input channels, stores and their web assets.

Importing this package installs the small Rasa fixes in ``channels.rasa_patches``; Rasa imports it at
start-up through credentials.yml and endpoints.yml.
"""
from channels import rasa_patches

rasa_patches.apply()
