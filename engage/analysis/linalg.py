"""Small dense helpers without scikit-learn's input checks (they cost more than the maths
when ``assign`` places one answer)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import PCA, TruncatedSVD


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """Return float32 rows scaled to length 1 (zero rows stay zero)."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.sqrt(np.einsum("ij,ij->i", matrix, matrix))
    return matrix / np.where(norms > 0, norms, 1.0)[:, None]


def svd_project(svd: TruncatedSVD, matrix: sp.spmatrix) -> np.ndarray:
    """Return TruncatedSVD.transform(matrix) in float32."""
    return np.asarray(matrix @ svd.components_.T.astype(np.float32, copy=False), dtype=np.float32)


def pca_project(pca: PCA, matrix: np.ndarray) -> np.ndarray:
    """Return PCA.transform(matrix) (no whitening) in float32."""
    centred = np.asarray(matrix, dtype=np.float32) - pca.mean_.astype(np.float32)
    return centred @ pca.components_.T.astype(np.float32)


def unit_sparse_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Return float32 CSR rows scaled to length 1 (``normalize`` without its input checks)."""
    rows = sp.csr_matrix(matrix, dtype=np.float32, copy=True)
    owner = np.repeat(np.arange(rows.shape[0]), np.diff(rows.indptr))
    norms = np.sqrt(np.bincount(owner, weights=rows.data**2, minlength=rows.shape[0]))
    rows.data /= np.where(norms > 0, norms, 1.0)[owner].astype(np.float32)
    return rows


def tfidf_rows(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Return TfidfTransformer(sublinear_tf=True).transform(counts) without input checks."""
    rows = sp.csr_matrix(counts, dtype=np.float32, copy=True)
    np.log(rows.data, out=rows.data)
    rows.data += 1
    rows.data *= idf[rows.indices].astype(np.float32)
    return unit_sparse_rows(rows)
