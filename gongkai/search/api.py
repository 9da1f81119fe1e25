from ninja import Router

router = Router(tags=["全文检索 search"])
