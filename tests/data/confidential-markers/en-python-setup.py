from setuptools import setup

setup(
    name="telemetry-ingest",
    version="2.3.1",
    author="Orbis Grid Analytics GmbH",
    classifiers=[
        "Programming Language :: Python :: 3",
        "License :: Other/Proprietary License",
        "Private :: Do Not Upload",
    ],
)
