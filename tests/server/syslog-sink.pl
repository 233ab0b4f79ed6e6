# Minimal syslog receiver for containers without a syslog daemon: Cyrus logs only via
# syslog(3), and without /dev/log its errors vanish. Unix datagram socket -> file.
# usage: perl syslog-sink.pl /dev/log OUTFILE
use strict; use warnings; use IO::Socket::UNIX; use Socket; use IO::Handle;
my ($path, $out) = @ARGV;
unlink $path;
my $s = IO::Socket::UNIX->new(Type => SOCK_DGRAM, Local => $path) or die "bind $path: $!";
chmod 0666, $path;
open(my $fh, '>>', $out) or die "$out: $!"; $fh->autoflush(1);
while (defined($s->recv(my $buf, 65536))) {
  $buf =~ s/[\0\n]+$//;
  my @t = localtime; printf $fh "%02d:%02d:%02d %s\n", @t[2,1,0], $buf;
}
