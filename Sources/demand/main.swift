import Daemon

print("demand \(Daemon.version)")
