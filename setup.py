"""Package list for setuptools; everything else is in pyproject.toml.

pyproject.toml cannot combine package discovery with packages mapped onto other folders, so
the list is built here: engage and everything under it, and engage.templates, engage.static
and engage.migrations with their subfolders, which [tool.setuptools.package-dir] maps onto
the top-level templates/, static/ and migrations/.
"""

from setuptools import find_namespace_packages, setup

SKIP = ["__pycache__", "*.__pycache__"]
MAPPED = {
    "engage.templates": "templates",
    "engage.static": "static",
    "engage.migrations": "migrations",
}

packages = find_namespace_packages(include=["engage", "engage.*"], exclude=SKIP)
for package, folder in MAPPED.items():
    packages += [package] + [
        f"{package}.{sub}" for sub in find_namespace_packages(folder, exclude=SKIP)
    ]

setup(packages=packages)
