from ninja import Router

router = Router(tags=["依申请公开 applications"])
