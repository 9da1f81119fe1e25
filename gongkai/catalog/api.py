from ninja import Router

router = Router(tags=["主动公开目录 catalog"])
