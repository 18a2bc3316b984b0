// Anchor for the shared LibTorch precompiled header (difflab_pch).
