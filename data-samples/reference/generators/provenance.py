"""The 'generated_by' stamp every reference file carries: which script, which peers, which versions."""
import importlib
import os
import platform


def stamp(script, *modules):
    versions = {}
    for name in modules:
        versions[name] = importlib.import_module(name).__version__
    return {
        "script": "data-samples/reference/generators/" + os.path.basename(script),
        "python": platform.python_version(),
        "peers": versions,
    }
