"""The USB stick kit: a zipapp, a wheelhouse, launchers and a manifest (`kfield usb init`)."""
