#!/usr/bin/env bash
# Recomputes every committed peer reference value with the peers themselves, as Debian packages
# them (/usr/bin/python3: python3-nibabel, python3-scipy, python3-sklearn, python3-networkx,
# python3-dipy, python3-pandas, python3-mne). Inputs stay as committed; outputs are rewritten, each stamped with the script and
# the peer versions under "generated_by". Run from anywhere; review the diff before committing.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
py=/usr/bin/python3
missing=()
for module in nibabel numpy scipy sklearn networkx dipy pandas mne statsmodels; do
  "$py" -c "import $module" 2>/dev/null || missing+=("$module")
done
if ((${#missing[@]})); then
  echo "regenerate: Debian's Python lacks ${missing[*]}: apt-get install python3-nibabel" \
    "python3-scipy python3-sklearn python3-networkx python3-dipy python3-pandas python3-mne" >&2
  exit 1
fi
cd "$here/generators"
"$py" formats_expected.py
"$py" cifti_files.py
"$py" signal_references.py
"$py" denoise_strategies.py
"$py" weighted30.py
"$py" eeg_files.py
"$py" eeg_spectral.py
"$py" directed_connectivity.py
"$py" directed_graph.py
"$py" "$root/graph/src/test/resources/org/sparkconnectome/graph/GraphMetrics/generate_references.py"
"$py" "$root/jobs/src/test/resources/org/sparkconnectome/dwi/make_dipy_tensor_reference.py"
echo "regenerate: done; peers: $("$py" -c 'import nibabel, scipy, sklearn, networkx, dipy, numpy, pandas
print(", ".join("%s %s" % (m.__name__, m.__version__)
                for m in (nibabel, numpy, scipy, sklearn, networkx, dipy, pandas)))')"
