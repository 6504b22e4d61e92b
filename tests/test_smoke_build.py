"""The whole build runs and produces the hosted site, the offline site and the bundle."""


def test_build_produces_site_offline_and_bundle(built):
    assert (built["site"] / "errors" / "UserErrorFsFreezeFailed" / "index.html").is_file()
    assert (built["offline"] / "errors" / "UserErrorFsFreezeFailed.html").is_file()
    zips = list(built["dist"].glob("azure-backup-errors-offline-*.zip"))
    assert len(zips) == 1 and zips[0].with_name(zips[0].name + ".sha256").is_file()
