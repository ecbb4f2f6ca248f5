# A home office configured by hand on a router reset without default configuration (RouterOS v6):
# ether1 to the ISP, ether2 to the office switch, IPv4 with NAT, IPv6 by prefix delegation,
# the management services closed from the WAN.
/system package enable ipv6
/interface ethernet set [ find default-name=ether1 ] name=wan comment="WAN Interface"
/interface ethernet set [ find default-name=ether2 ] name=lan comment="LAN Interface"
/ip dhcp-client add interface=wan disabled=no comment="DHCP Client for WAN IPv4"
/ip address add address=192.168.88.1/24 interface=lan network=192.168.88.0 comment="LAN IPv4 Address"
/ip pool add name=dhcp_pool_lan ranges=192.168.88.10-192.168.88.254 comment="DHCP Pool for LAN IPv4"
/ip dhcp-server add name=dhcp_server_lan interface=lan address-pool=dhcp_pool_lan lease-time=10m disabled=no comment="DHCP Server for LAN IPv4"
/ip dhcp-server network add address=192.168.88.0/24 gateway=192.168.88.1 dns-server=192.168.88.1 comment="LAN IPv4 Network Settings"
/ip dns set allow-remote-requests=yes
/ip firewall nat add chain=srcnat action=masquerade out-interface=wan comment="NAT for LAN to WAN IPv4"
/ip firewall filter
add chain=input in-interface=wan protocol=tcp dst-port=21,22,23,80,8291 action=drop comment="Drop management from WAN"
add chain=input in-interface=wan protocol=tcp dst-port=8728,8729 action=drop comment="Drop API from WAN"
add chain=input in-interface=wan protocol=udp dst-port=53 action=drop comment="Drop DNS from WAN"
/ipv6 dhcp-client add interface=wan request=prefix pool-name=ipv6_pool_lan pool-prefix-length=64 disabled=no comment="DHCPv6 Client for WAN IPv6 with Prefix Delegation"
/ipv6 address add address=::1/64 from-pool=ipv6_pool_lan interface=lan advertise=yes comment="LAN IPv6 Address from Delegated Prefix"
/ipv6 nd add interface=lan ra-interval=3s-10s comment="IPv6 Router Advertisement for LAN"
