"""Checks examples/image_quality.rs's SSIM against scikit-image's, on the files that
`image_quality --dump DIR PHOTO...` writes: `python3 benches/ssim_check.py DIR`.

scikit-image with Gaussian weights (sigma 1.5, 11x11), population covariance and
data range 255 is Wang et al.'s SSIM; both sides take BT.601 luma. Prints the largest
difference; exits 1 when it is over 1e-4.
"""
import sys
from pathlib import Path

import numpy as np
from PIL import Image
from skimage.metrics import structural_similarity


def luma(path):
    rgb = np.asarray(Image.open(path).convert("RGB"), dtype=np.float64)
    return rgb @ np.array([0.299, 0.587, 0.114])


def main():
    folder = Path(sys.argv[1])
    worst = 0.0
    for line in (folder / "ssim.tsv").read_text().splitlines():
        ref, copy, ours = line.split("\t")
        theirs = structural_similarity(
            luma(folder / ref),
            luma(folder / copy),
            gaussian_weights=True,
            sigma=1.5,
            use_sample_covariance=False,
            data_range=255,
        )
        worst = max(worst, abs(theirs - float(ours)))
        print(f"{copy}\tours {float(ours):.6f}\tscikit-image {theirs:.6f}")
    print(f"largest difference: {worst:.2e}")
    sys.exit(1 if worst > 1e-4 else 0)


main()
