"""workshop-app: run community network events and roadshows from one laptop, offline."""

__version__ = "0.1.0"
