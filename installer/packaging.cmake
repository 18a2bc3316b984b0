# CPack packaging (.deb, .tar.gz). Filled in by the installer work.
