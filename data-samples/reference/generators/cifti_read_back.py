#!/usr/bin/python3
"""Prints, as one JSON list, what nibabel reads from the CIFTI files named on the command line:
intent, shape, the axes (as cifti_files.py describes them) and the whole matrix. The Java tests
run it on the ptseries and pconn files our writer makes, to check that nibabel reads them with
the right axes.
Usage: /usr/bin/python3 cifti_read_back.py FILE...
"""
import json
import math
import os
import sys

import nibabel as nib
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cifti_files import axis_json  # noqa: E402


def read(path):
    img = nib.load(path)
    data = np.asarray(img.get_fdata(), dtype=np.float64)
    return {
        "file": os.path.basename(path),
        "intent": img.nifti_header.get_intent()[0],
        "shape": list(img.shape),
        "datatype": str(img.get_data_dtype()),
        "axes": [axis_json(img.header.get_axis(i)) for i in range(img.ndim)],
        "data": [[None if math.isnan(v) else float(v) for v in row] for row in data],
    }


if __name__ == "__main__":
    json.dump([read(p) for p in sys.argv[1:]], sys.stdout)
